package donations_test

import (
	"testing"

	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
	"github.com/goalpost/goalpost/connectors/donations"
)

func TestStripe(t *testing.T)   { connectortest.Run(t, donations.Stripe{}, catalog.Default()) }
func TestPayPal(t *testing.T)   { connectortest.Run(t, donations.PayPal{}, catalog.Default()) }
func TestDonorbox(t *testing.T) { connectortest.Run(t, donations.Donorbox{}, catalog.Default()) }

func FuzzStripe(f *testing.F)   { connectortest.Fuzz(f, donations.Stripe{}) }
func FuzzPayPal(f *testing.F)   { connectortest.Fuzz(f, donations.PayPal{}) }
func FuzzDonorbox(f *testing.F) { connectortest.Fuzz(f, donations.Donorbox{}) }
