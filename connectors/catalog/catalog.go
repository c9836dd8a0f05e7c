// Package catalog lists the built-in connectors. It lives apart from package connectors
// because every connector imports connectors for the contract types; the list in one
// function keeps registration explicit (no init(), no global map).
package catalog

import (
	"github.com/goalpost/goalpost/connectors"
	"github.com/goalpost/goalpost/connectors/ga4"
	"github.com/goalpost/goalpost/connectors/mailchimp"
	"github.com/goalpost/goalpost/connectors/meta"
	"github.com/goalpost/goalpost/connectors/xcom"
	"github.com/goalpost/goalpost/connectors/youtube"
)

// Default returns a registry of every built-in connector. Order does not matter for
// detection: a file must be claimed by exactly one.
func Default() *connectors.Registry {
	return connectors.NewRegistry(
		meta.Posts{},
		meta.Daily{},
		xcom.Tweets{},
		xcom.Daily{},
		xcom.PremiumPosts{},
		xcom.PremiumDaily{},
		ga4.Connector{},
		youtube.Videos{},
		youtube.Daily{},
		mailchimp.Campaigns{},
	)
}
