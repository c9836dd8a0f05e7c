package tiktok_test

import (
	"testing"

	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
	"github.com/goalpost/goalpost/connectors/tiktok"
)

func TestDaily(t *testing.T)     { connectortest.Run(t, tiktok.Daily{}, catalog.Default()) }
func TestFollowers(t *testing.T) { connectortest.Run(t, tiktok.Followers{}, catalog.Default()) }
func TestVideos(t *testing.T)    { connectortest.Run(t, tiktok.Videos{}, catalog.Default()) }

func FuzzDaily(f *testing.F)     { connectortest.Fuzz(f, tiktok.Daily{}) }
func FuzzFollowers(f *testing.F) { connectortest.Fuzz(f, tiktok.Followers{}) }
func FuzzVideos(f *testing.F)    { connectortest.Fuzz(f, tiktok.Videos{}) }
