package leadgen

import (
	"testing"
	"time"
	_ "time/tzdata" // the zone database, for the check only
)

// TestLosAngelesMidnight checks the generator's daylight-saving rule
// against the time zone database for every day the generator writes.
func TestLosAngelesMidnight(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	for day := day2020; day < day2027+90; day++ {
		d := time.Unix(int64(day)*86400, 0).UTC()
		want := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, la).Unix()
		if got := losAngelesMidnight(day); int64(got) != want {
			t.Fatalf("losAngelesMidnight(%s) = %d, want %d", d.Format(time.DateOnly), got, want)
		}
	}
}
