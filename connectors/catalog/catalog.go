// Package catalog lists the built-in connectors. It lives apart from package connectors
// because every connector imports connectors for the contract types; the list in one
// function keeps registration explicit (no init(), no global map).
package catalog

import (
	"errors"
	"fmt"

	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/donations"
	"github.com/goalpost/goalpost/connectors/eventbrite"
	"github.com/goalpost/goalpost/connectors/fbinsights"
	"github.com/goalpost/goalpost/connectors/ga4"
	"github.com/goalpost/goalpost/connectors/googleforms"
	"github.com/goalpost/goalpost/connectors/linkedin"
	"github.com/goalpost/goalpost/connectors/mailchimp"
	"github.com/goalpost/goalpost/connectors/mapped"
	"github.com/goalpost/goalpost/connectors/meta"
	"github.com/goalpost/goalpost/connectors/publer"
	"github.com/goalpost/goalpost/connectors/tiktok"
	"github.com/goalpost/goalpost/connectors/xcom"
	"github.com/goalpost/goalpost/connectors/youtube"
)

// Default returns a registry of every built-in connector. Order does not matter for
// detection: a file must be claimed by exactly one.
func Default() *connectors.Registry { return connectors.NewRegistry(builtins()...) }

// WithMappings returns a registry of the built-in connectors and one mapped connector per
// mapping of the configuration. An invalid mapping, or one named like another connector,
// is an error naming it (not a panic: the mappings come from the user).
func WithMappings(ms []mapped.Mapping) (*connectors.Registry, error) {
	list := builtins()
	taken := map[string]bool{}
	for _, c := range list {
		taken[c.Spec().Name] = true
	}
	var errs []error
	for _, m := range ms {
		c, err := mapped.New(m)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if taken[m.Name] {
			errs = append(errs, fmt.Errorf("mapping %q: %w: the name is already taken by another connector", m.Name, mapped.ErrInvalid))
			continue
		}
		taken[m.Name] = true
		list = append(list, c)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return connectors.NewRegistry(list...), nil
}

func builtins() []connectors.Connector {
	return []connectors.Connector{
		meta.Posts{},
		meta.Daily{},
		meta.Videos{},
		xcom.Tweets{},
		xcom.Daily{},
		xcom.PremiumPosts{},
		xcom.PremiumDaily{},
		ga4.Connector{},
		ga4.Snapshot{},
		youtube.Videos{},
		youtube.Daily{},
		mailchimp.Campaigns{},
		donations.Stripe{},
		donations.PayPal{},
		donations.Donorbox{},
		eventbrite.Attendees{},
		googleforms.Responses{},
		mailchimp.Audience{},
		linkedin.Content{},
		linkedin.Followers{},
		linkedin.Visitors{},
		fbinsights.Page{},
		fbinsights.Posts{},
		tiktok.Daily{},
		tiktok.Followers{},
		tiktok.Videos{},
		publer.Posts{},
	}
}
