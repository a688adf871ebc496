package lead_test

import (
	"encoding/json"
	"testing"

	"github.com/leadbridge/leadbridge/internal/testkit"
	"github.com/leadbridge/leadbridge/lead"
)

func BenchmarkValidate(b *testing.B) {
	l := testkit.FullLead()
	b.ReportAllocs()
	for b.Loop() {
		if err := l.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshal(b *testing.B) {
	l := testkit.FullLead()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(l); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshal(b *testing.B) {
	data, _ := json.Marshal(testkit.FullLead())
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var l lead.Lead
		if err := json.Unmarshal(data, &l); err != nil {
			b.Fatal(err)
		}
	}
}
