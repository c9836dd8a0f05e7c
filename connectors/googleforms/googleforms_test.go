package googleforms_test

import (
	"testing"

	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
	"github.com/goalpost/goalpost/connectors/googleforms"
)

func TestResponses(t *testing.T) { connectortest.Run(t, googleforms.Responses{}, catalog.Default()) }

func FuzzResponses(f *testing.F) { connectortest.Fuzz(f, googleforms.Responses{}) }
