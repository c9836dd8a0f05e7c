package meta_test

import (
	"testing"

	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
	"github.com/goalpost/goalpost/connectors/meta"
)

func TestPosts(t *testing.T) { connectortest.Run(t, meta.Posts{}, catalog.Default()) }

func TestDaily(t *testing.T) { connectortest.Run(t, meta.Daily{}, catalog.Default()) }

func FuzzPosts(f *testing.F) { connectortest.Fuzz(f, meta.Posts{}) }

func FuzzDaily(f *testing.F) { connectortest.Fuzz(f, meta.Daily{}) }

func TestVideos(t *testing.T) { connectortest.Run(t, meta.Videos{}, catalog.Default()) }

func FuzzVideos(f *testing.F) { connectortest.Fuzz(f, meta.Videos{}) }
