package publer_test

import (
	"testing"

	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
	"github.com/goalpost/goalpost/connectors/publer"
)

func TestPosts(t *testing.T) { connectortest.Run(t, publer.Posts{}, catalog.Default()) }

func FuzzPosts(f *testing.F) { connectortest.Fuzz(f, publer.Posts{}) }
