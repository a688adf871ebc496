package pipedrive

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/leadbridge/leadbridge/internal/testkit"
)

// Run: go test ./pipedrive -run '^$' -bench . -benchmem

func benchInput(b *testing.B) []byte {
	return testkit.MustRead(b, filepath.Join(corpus, "leads", "full.json"))
}

func BenchmarkDecodeLead(b *testing.B) {
	data := benchInput(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeLead(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkToLead(b *testing.B) {
	in := mustDecode(b, benchInput(b))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := (Translator{}).ToLead(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLeadObject(b *testing.B) {
	l, _, err := Translator{}.ToLead(mustDecode(b, benchInput(b)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := (Translator{}).LeadObject(l); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFromLead(b *testing.B) {
	l, _, err := Translator{Plan: PlanEssential}.ToLead(mustDecode(b, benchInput(b)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := (Translator{Plan: PlanEssential}).FromLead(l); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppendJSON(b *testing.B) {
	in := mustDecode(b, benchInput(b))
	buf := make([]byte, 0, 2048)
	b.ReportAllocs()
	for b.Loop() {
		buf = in.AppendJSON(buf[:0])
	}
}

// BenchmarkPipeline is decode → ToLead → LeadObject → AppendJSON.
func BenchmarkPipeline(b *testing.B) {
	data := benchInput(b)
	buf := make([]byte, 0, 2048)
	var tr Translator
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		in, err := DecodeLead(data)
		if err != nil {
			b.Fatal(err)
		}
		l, _, err := tr.ToLead(in)
		if err != nil {
			b.Fatal(err)
		}
		obj, _, err := tr.LeadObject(l)
		if err != nil {
			b.Fatal(err)
		}
		buf = obj.AppendJSON(buf[:0])
	}
}

// plainLead is the baseline: encoding/json into a plain struct and back,
// custom fields not caught.
type plainLead struct {
	ID             string   `json:"id"`
	Title          string   `json:"title"`
	OwnerID        *int64   `json:"owner_id"`
	CreatorID      *int64   `json:"creator_id"`
	LabelIDs       []string `json:"label_ids"`
	PersonID       *int64   `json:"person_id"`
	OrganizationID *int64   `json:"organization_id"`
	SourceName     *string  `json:"source_name"`
	Origin         *string  `json:"origin"`
	OriginID       *string  `json:"origin_id"`
	Channel        *int64   `json:"channel"`
	ChannelID      *string  `json:"channel_id"`
	IsArchived     *bool    `json:"is_archived"`
	WasSeen        *bool    `json:"was_seen"`
	Value          *struct {
		Amount   json.Number `json:"amount"`
		Currency string      `json:"currency"`
	} `json:"value"`
	ExpectedCloseDate *string `json:"expected_close_date"`
	NextActivityID    *int64  `json:"next_activity_id"`
	AddTime           string  `json:"add_time"`
	UpdateTime        string  `json:"update_time"`
	VisibleTo         string  `json:"visible_to"`
	CCEmail           string  `json:"cc_email"`
}

func BenchmarkEncodingJSONBaseline(b *testing.B) {
	data := benchInput(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var p plainLead
		if err := json.Unmarshal(data, &p); err != nil {
			b.Fatal(err)
		}
		if _, err := json.Marshal(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidate is the share of ToLead spent in lead.Validate.
func BenchmarkValidate(b *testing.B) {
	l, _, err := Translator{}.ToLead(mustDecode(b, benchInput(b)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := l.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
