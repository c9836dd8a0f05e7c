package fbinsights_test

import (
	"testing"

	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
	"github.com/goalpost/goalpost/connectors/fbinsights"
)

func TestPage(t *testing.T)  { connectortest.Run(t, fbinsights.Page{}, catalog.Default()) }
func TestPosts(t *testing.T) { connectortest.Run(t, fbinsights.Posts{}, catalog.Default()) }

func FuzzPage(f *testing.F)  { connectortest.Fuzz(f, fbinsights.Page{}) }
func FuzzPosts(f *testing.F) { connectortest.Fuzz(f, fbinsights.Posts{}) }
