package xcom_test

import (
	"testing"

	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
	"github.com/goalpost/goalpost/connectors/xcom"
)

func TestTweets(t *testing.T)       { connectortest.Run(t, xcom.Tweets{}, catalog.Default()) }
func TestDaily(t *testing.T)        { connectortest.Run(t, xcom.Daily{}, catalog.Default()) }
func TestPremiumPosts(t *testing.T) { connectortest.Run(t, xcom.PremiumPosts{}, catalog.Default()) }
func TestPremiumDaily(t *testing.T) { connectortest.Run(t, xcom.PremiumDaily{}, catalog.Default()) }

func FuzzTweets(f *testing.F)       { connectortest.Fuzz(f, xcom.Tweets{}) }
func FuzzDaily(f *testing.F)        { connectortest.Fuzz(f, xcom.Daily{}) }
func FuzzPremiumPosts(f *testing.F) { connectortest.Fuzz(f, xcom.PremiumPosts{}) }
func FuzzPremiumDaily(f *testing.F) { connectortest.Fuzz(f, xcom.PremiumDaily{}) }
