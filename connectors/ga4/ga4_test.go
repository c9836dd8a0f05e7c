package ga4_test

import (
	"testing"

	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
	"github.com/goalpost/goalpost/connectors/ga4"
)

func TestConnector(t *testing.T) { connectortest.Run(t, ga4.Connector{}, catalog.Default()) }

func FuzzParse(f *testing.F) { connectortest.Fuzz(f, ga4.Connector{}) }

func TestSnapshot(t *testing.T) { connectortest.Run(t, ga4.Snapshot{}, catalog.Default()) }

func FuzzSnapshot(f *testing.F) { connectortest.Fuzz(f, ga4.Snapshot{}) }
