package goals

const starterEN = `# goals.yaml: {{.O.OrgName}}'s social-media strategy, written down so Goalpost can hold us to it.
# Every goal has KPIs (the list and their definitions: sql/kpis/, or the kpi_definitions table),
# optional platforms (facebook, instagram, x, linkedin, youtube, tiktok, web, email...) and a
# target, one of:
#   per: month | quarter | year, value: N      an amount per period (quarters and years follow
#                                              the fiscal year below); for flows such as reach
#   level: N, from: DATE, by: DATE             a level to reach by a date, on a straight line
#                                              from its value on "from"; for stocks such as
#                                              followers, or a running total of a flow
#   value: N%                                  a rate to reach, for ratios such as open rates
# A KPI without a target is measured and reported, not judged.
# Your own KPIs: drop a .sql file into a kpis/ folder next to this file (copy one from sql/kpis).

organisation:
  name: {{q .O.OrgName}}
  time_zone: {{.O.TimeZone}}       # IANA name: days and months are counted in this zone
  currency: {{.O.Currency}}                 # donations in other currencies are left out, never converted
  language: en                   # en or fr: labels and descriptions in the reports
  fiscal_year_start: {{.FYMonth}}           # month the fiscal year starts (1 = January, 4 = April)

# Status of each KPI against its pace: on track from 100% of the pace, at risk from 80%.
status:
  on_track: 100%
  at_risk: 80%

# Follower counts read off each platform on a day. Most exports give only the new followers of
# each day; Goalpost adds them to these counts. A platform without a count has no followers KPI.
{{- if .O.Baselines}}
baselines:
{{- range .O.Baselines}}
  - platform: {{.Platform}}
    followers: {{.Followers}}
    date: {{date .Date}}
{{- end}}
{{- else}}
# baselines:
#   - platform: facebook
#     followers: 850             # the count shown on the page on that day
#     date: {{.FYStart}}
#   - platform: instagram
#     followers: 700
#     date: {{.FYStart}}
{{- end}}
{{- if .O.Benchmarks}}

# Published benchmarks shown beside the KPIs (kpi, value, year, source, definition).
benchmarks: {{.O.Benchmarks}}
{{- else}}

# Published benchmarks to show beside the KPIs: a file listing kpi, value, year, source and
# definition for each figure, e.g. from the M+R Benchmarks study.
# benchmarks: benchmarks.yaml
{{- end}}

goals:
  - id: share-news
    category: share_news
    name: Share our news regularly
    kpis:
      - kpi: posts_published
        target: {per: month, value: {{.T.PostsPerMonth}}}
      - kpi: visual_posts_share           # "posts with photos get more shares": measure it
        target: {value: {{pct .T.VisualShare}}}

  - id: awareness
    category: awareness
    name: Grow our audience
    kpis:
      - kpi: followers
        target: {level: {{.T.FollowersByYearEnd}}, from: {{.FYStart}}, by: {{.FYEnd}}}
      - kpi: reach
        target: {per: month, value: {{.T.ReachPerMonth}}}

  - id: cause
    category: cause_news
    name: Spread the word about our cause
    kpis:
      - kpi: views
        target: {per: month, value: {{.T.ViewsPerMonth}}}
      - kpi: shares
        target: {per: quarter, value: {{.T.SharesPerQuarter}}}

  - id: trust
    category: trust
    name: Build trust through conversation
    kpis:
      - kpi: engagement_rate_reach
        target: {value: {{pct .T.EngagementRateReach}}}
      - kpi: newsletter_open_rate
        target: {value: {{pct .T.NewsletterOpenRate}}}

  - id: website
    category: website_traffic
    name: Bring people to our website
    kpis:
      - kpi: website_sessions_social
        target: {per: month, value: {{.T.SocialSessionsPerMonth}}}
      - kpi: link_clicks
        target: {per: month, value: {{.T.LinkClicksPerMonth}}}

  - id: relationships
    category: relationships
    name: Build relationships with our supporters
    kpis:
      - kpi: engagements
        target: {per: month, value: {{.T.EngagementsPerMonth}}}
      - kpi: email_signups
        target: {per: month, value: {{.T.EmailSignupsPerMonth}}}
      - kpi: newsletter_click_rate
        target: {value: {{pct .T.NewsletterClickRate}}}
      - kpi: event_registrations
        target: {per: quarter, value: {{.T.EventsPerQuarter}}}

  - id: fundraising
    category: donations
    name: Raise funds online
    kpis:
      - kpi: donations_amount
        target: {per: year, value: {{.T.DonationsPerYear}}}
      - kpi: donations_social_amount
        target: {per: quarter, value: {{.T.SocialDonationsPerQtr}}}
      - kpi: donations_count
        target: {per: month, value: {{.T.GiftsPerMonth}}}

  - id: volunteers
    category: volunteers_members
    name: Recruit volunteers
    kpis:
      - kpi: volunteer_signups
        target: {per: quarter, value: {{.T.VolunteersPerQuarter}}}
      # - kpi: member_signups           # if you have members
      #   target: {per: year, value: 100}

# Milestones to celebrate: the day each threshold is crossed. Stocks (followers) cross by their
# level; flows (donations, sign-ups) by their running total since "since".
milestones:
  - kpi: followers
    platforms: [facebook]
    thresholds: [{{ints .T.FollowerMilestones}}]
  - kpi: followers
    platforms: [instagram]
    thresholds: [{{ints .T.FollowerMilestones}}]
  - kpi: donations_amount
    since: {{.FYStart}}
    thresholds: [{{ints .T.DonationMilestones}}]
  - kpi: email_signups
    since: {{.FYStart}}
    thresholds: [{{ints .T.SignupMilestones}}]
`

const starterFR = `# goals.yaml : la stratégie de médias sociaux de {{.O.OrgName}}, écrite pour que Goalpost nous y tienne.
# Chaque objectif a des indicateurs (KPI : liste et définitions dans sql/kpis/ ou la table kpi_definitions),
# des plateformes facultatives (facebook, instagram, x, linkedin, youtube, tiktok, web,
# email...) et une cible, au choix :
#   per: month | quarter | year, value: N      un montant par mois, trimestre ou année (les
#                                              trimestres et années suivent l'exercice
#                                              ci-dessous) ; pour les flux comme la couverture
#   level: N, from: DATE, by: DATE             un niveau à atteindre à une date, en ligne droite
#                                              depuis sa valeur au jour « from » ; pour les
#                                              stocks comme les abonnés, ou le cumul d'un flux
#   value: N%                                  un taux à atteindre, pour les ratios comme le
#                                              taux d'ouverture
# Un indicateur sans cible est mesuré et présenté, sans verdict.
# Vos propres indicateurs : déposez un fichier .sql dans un dossier kpis/ à côté de ce fichier
# (copiez-en un de sql/kpis).

organisation:
  name: {{q .O.OrgName}}
  time_zone: {{.O.TimeZone}}       # nom IANA : jours et mois sont comptés dans ce fuseau
  currency: {{.O.Currency}}                 # les dons dans une autre devise sont exclus, jamais convertis
  language: fr                   # en ou fr : libellés et définitions des rapports
  fiscal_year_start: {{.FYMonth}}           # mois de début de l'exercice (1 = janvier, 4 = avril)

# État de chaque indicateur par rapport à son rythme : en bonne voie dès 100 % du rythme,
# à surveiller dès 80 %.
status:
  on_track: 100%
  at_risk: 80%

# Nombre d'abonnés relevé sur chaque plateforme un jour donné. La plupart des exports ne
# donnent que les nouveaux abonnés de chaque jour ; Goalpost les ajoute à ces nombres. Une
# plateforme sans nombre relevé n'a pas d'indicateur d'abonnés.
{{- if .O.Baselines}}
baselines:
{{- range .O.Baselines}}
  - platform: {{.Platform}}
    followers: {{.Followers}}
    date: {{date .Date}}
{{- end}}
{{- else}}
# baselines:
#   - platform: facebook
#     followers: 850             # le nombre affiché sur la page ce jour-là
#     date: {{.FYStart}}
#   - platform: instagram
#     followers: 700
#     date: {{.FYStart}}
{{- end}}
{{- if .O.Benchmarks}}

# Repères publiés affichés à côté des indicateurs (kpi, value, year, source, definition).
benchmarks: {{.O.Benchmarks}}
{{- else}}

# Repères publiés à afficher à côté des indicateurs : un fichier qui donne kpi, value, year,
# source et definition pour chaque chiffre, p. ex. tirés de l'étude M+R Benchmarks.
# benchmarks: benchmarks.yaml
{{- end}}

goals:
  - id: nouvelles
    category: share_news
    name: Partager nos nouvelles régulièrement
    kpis:
      - kpi: posts_published
        target: {per: month, value: {{.T.PostsPerMonth}}}
      - kpi: visual_posts_share           # « les publications avec photo sont plus partagées » : mesurons-le
        target: {value: {{pct .T.VisualShare}}}

  - id: notoriete
    category: awareness
    name: Faire grandir notre communauté
    kpis:
      - kpi: followers
        target: {level: {{.T.FollowersByYearEnd}}, from: {{.FYStart}}, by: {{.FYEnd}}}
      - kpi: reach
        target: {per: month, value: {{.T.ReachPerMonth}}}

  - id: cause
    category: cause_news
    name: Faire connaître notre cause
    kpis:
      - kpi: views
        target: {per: month, value: {{.T.ViewsPerMonth}}}
      - kpi: shares
        target: {per: quarter, value: {{.T.SharesPerQuarter}}}

  - id: confiance
    category: trust
    name: Bâtir la confiance par la conversation
    kpis:
      - kpi: engagement_rate_reach
        target: {value: {{pct .T.EngagementRateReach}}}
      - kpi: newsletter_open_rate
        target: {value: {{pct .T.NewsletterOpenRate}}}

  - id: site-web
    category: website_traffic
    name: Attirer du monde sur notre site
    kpis:
      - kpi: website_sessions_social
        target: {per: month, value: {{.T.SocialSessionsPerMonth}}}
      - kpi: link_clicks
        target: {per: month, value: {{.T.LinkClicksPerMonth}}}

  - id: relations
    category: relationships
    name: Tisser des liens avec nos sympathisants
    kpis:
      - kpi: engagements
        target: {per: month, value: {{.T.EngagementsPerMonth}}}
      - kpi: email_signups
        target: {per: month, value: {{.T.EmailSignupsPerMonth}}}
      - kpi: newsletter_click_rate
        target: {value: {{pct .T.NewsletterClickRate}}}
      - kpi: event_registrations
        target: {per: quarter, value: {{.T.EventsPerQuarter}}}

  - id: dons
    category: donations
    name: Recueillir des dons en ligne
    kpis:
      - kpi: donations_amount
        target: {per: year, value: {{.T.DonationsPerYear}}}
      - kpi: donations_social_amount
        target: {per: quarter, value: {{.T.SocialDonationsPerQtr}}}
      - kpi: donations_count
        target: {per: month, value: {{.T.GiftsPerMonth}}}

  - id: benevoles
    category: volunteers_members
    name: Recruter des bénévoles
    kpis:
      - kpi: volunteer_signups
        target: {per: quarter, value: {{.T.VolunteersPerQuarter}}}
      # - kpi: member_signups           # si vous avez des membres
      #   target: {per: year, value: 100}

# Étapes à célébrer : le jour où chaque seuil est franchi. Les stocks (abonnés) le franchissent
# par leur niveau ; les flux (dons, inscriptions) par leur cumul depuis « since ».
milestones:
  - kpi: followers
    platforms: [facebook]
    thresholds: [{{ints .T.FollowerMilestones}}]
  - kpi: followers
    platforms: [instagram]
    thresholds: [{{ints .T.FollowerMilestones}}]
  - kpi: donations_amount
    since: {{.FYStart}}
    thresholds: [{{ints .T.DonationMilestones}}]
  - kpi: email_signups
    since: {{.FYStart}}
    thresholds: [{{ints .T.SignupMilestones}}]
`
