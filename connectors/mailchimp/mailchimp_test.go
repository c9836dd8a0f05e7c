package mailchimp_test

import (
	"testing"

	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
	"github.com/goalpost/goalpost/connectors/mailchimp"
)

func TestCampaigns(t *testing.T) { connectortest.Run(t, mailchimp.Campaigns{}, catalog.Default()) }

func FuzzParse(f *testing.F) { connectortest.Fuzz(f, mailchimp.Campaigns{}) }

func TestAudience(t *testing.T) { connectortest.Run(t, mailchimp.Audience{}, catalog.Default()) }

func FuzzAudience(f *testing.F) { connectortest.Fuzz(f, mailchimp.Audience{}) }
