package eventbrite_test

import (
	"testing"

	"github.com/goalpost/goalpost/connectors/catalog"
	"github.com/goalpost/goalpost/connectors/connectortest"
	"github.com/goalpost/goalpost/connectors/eventbrite"
)

func TestAttendees(t *testing.T) { connectortest.Run(t, eventbrite.Attendees{}, catalog.Default()) }

func FuzzAttendees(f *testing.F) { connectortest.Fuzz(f, eventbrite.Attendees{}) }
