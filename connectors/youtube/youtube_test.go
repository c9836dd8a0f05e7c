package youtube_test

import (
	"testing"

	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
	"github.com/goalpost/goalpost/connectors/youtube"
)

func TestVideos(t *testing.T) { connectortest.Run(t, youtube.Videos{}, catalog.Default()) }
func TestDaily(t *testing.T)  { connectortest.Run(t, youtube.Daily{}, catalog.Default()) }

func FuzzVideos(f *testing.F) { connectortest.Fuzz(f, youtube.Videos{}) }
func FuzzDaily(f *testing.F)  { connectortest.Fuzz(f, youtube.Daily{}) }
