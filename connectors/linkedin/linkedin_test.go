package linkedin_test

import (
	"testing"

	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
	"github.com/goalpost/goalpost/connectors/linkedin"
)

func TestContent(t *testing.T)   { connectortest.Run(t, linkedin.Content{}, catalog.Default()) }
func TestFollowers(t *testing.T) { connectortest.Run(t, linkedin.Followers{}, catalog.Default()) }
func TestVisitors(t *testing.T)  { connectortest.Run(t, linkedin.Visitors{}, catalog.Default()) }

func FuzzContent(f *testing.F)   { connectortest.Fuzz(f, linkedin.Content{}) }
func FuzzFollowers(f *testing.F) { connectortest.Fuzz(f, linkedin.Followers{}) }
func FuzzVisitors(f *testing.F)  { connectortest.Fuzz(f, linkedin.Visitors{}) }
