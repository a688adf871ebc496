package jsonwire_test

import (
	"encoding/json"
	"errors"
	"testing"

	_ "github.com/leadbridge/leadbridge/internal/golden" // defines -update for this test binary
	"github.com/leadbridge/leadbridge/internal/jsonwire"
	"github.com/leadbridge/leadbridge/lead"
)

// leadDoc is a Pipedrive lead as GET /v1/leads/{id} returns it: 22 keys,
// nulls, a value object, label_ids, three 40-hex custom-field keys,
// non-ASCII text and \u escapes, including a surrogate pair.
const leadDoc = `{"id":"adf21080-0e10-11eb-879b-05d71fb426ec","title":"Jürgen Müller GmbH \u2013 renewal \"Gold\"",` +
	`"owner_id":12345678,"label_ids":["f08b42a0-4e75-11ea-9643-03698ef1cfd6","f08b42a1-4e75-11ea-9643-03698ef1cfd6"],` +
	`"person_id":1092,"organization_id":null,"source_name":"API","origin_id":null,"channel":3,"channel_id":null,` +
	`"is_archived":false,"was_seen":true,"value":{"amount":1500.50,"currency":"EUR"},"expected_close_date":"2024-07-31",` +
	`"next_activity_id":null,"add_time":"2024-03-01T10:20:30.000Z","update_time":"2024-03-02T11:21:31.000Z",` +
	`"visible_to":"3","cc_email":"acme+lead12345@pipedrivemail.com",` +
	`"d4de1c1518b4531717c676029a45911c340390a6":"Gold","9dc80c50d78a15b5d4a1b7d4a3c1f5e6a7b8c9d0":42,` +
	`"1f3e5a7c9b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a":"\ud83d\ude00 VIP, 東京"}`

// testValue and testLead mirror leadDoc for both decoders under test.
type testValue struct {
	Amount   json.Number `json:"amount"`
	Currency string      `json:"currency"`
}

type testLead struct {
	ID                string                     `json:"id"`
	Title             string                     `json:"title"`
	OwnerID           int64                      `json:"owner_id"`
	LabelIDs          []string                   `json:"label_ids"`
	PersonID          *int64                     `json:"person_id"`
	OrganizationID    *int64                     `json:"organization_id"`
	SourceName        string                     `json:"source_name"`
	OriginID          *string                    `json:"origin_id"`
	Channel           *int64                     `json:"channel"`
	ChannelID         *string                    `json:"channel_id"`
	IsArchived        bool                       `json:"is_archived"`
	WasSeen           bool                       `json:"was_seen"`
	Value             *testValue                 `json:"value"`
	ExpectedCloseDate *string                    `json:"expected_close_date"`
	NextActivityID    *int64                     `json:"next_activity_id"`
	AddTime           string                     `json:"add_time"`
	UpdateTime        string                     `json:"update_time"`
	VisibleTo         string                     `json:"visible_to"`
	CCEmail           string                     `json:"cc_email"`
	Custom            map[string]json.RawMessage `json:"-"`
}

// decodeLead fills l from the lead object at d's position, the way a
// vendor adapter does: known keys into fields, unknown keys as raw JSON.
func decodeLead(d *jsonwire.Decoder, l *testLead) error {
	return d.Object(func(key []byte) error {
		var err error
		switch string(key) {
		case "id":
			l.ID, err = d.String()
		case "title":
			l.Title, err = d.String()
		case "owner_id":
			l.OwnerID, err = d.Int64()
		case "label_ids":
			err = d.Array(func(int) error {
				s, err := d.String()
				if err == nil {
					l.LabelIDs = append(l.LabelIDs, s)
				}
				return err
			})
		case "person_id":
			l.PersonID, err = optInt(d)
		case "organization_id":
			l.OrganizationID, err = optInt(d)
		case "source_name":
			l.SourceName, err = d.String()
		case "origin_id":
			l.OriginID, err = optString(d)
		case "channel":
			l.Channel, err = optInt(d)
		case "channel_id":
			l.ChannelID, err = optString(d)
		case "is_archived":
			l.IsArchived, err = d.Bool()
		case "was_seen":
			l.WasSeen, err = d.Bool()
		case "value":
			if d.Null() {
				return nil
			}
			v := new(testValue)
			l.Value = v
			err = d.Object(func(key []byte) error {
				switch string(key) {
				case "amount":
					n, err := d.Number()
					v.Amount = json.Number(n)
					return err
				case "currency":
					s, err := d.String()
					v.Currency = s
					return err
				}
				return nil
			})
		case "expected_close_date":
			l.ExpectedCloseDate, err = optString(d)
		case "next_activity_id":
			l.NextActivityID, err = optInt(d)
		case "add_time":
			l.AddTime, err = d.String()
		case "update_time":
			l.UpdateTime, err = d.String()
		case "visible_to":
			l.VisibleTo, err = d.String()
		case "cc_email":
			l.CCEmail, err = d.String()
		default:
			raw, err := d.Raw()
			if err != nil {
				return err
			}
			if l.Custom == nil {
				l.Custom = make(map[string]json.RawMessage)
			}
			l.Custom[string(key)] = raw
		}
		return err
	})
}

func optInt(d *jsonwire.Decoder) (*int64, error) {
	if d.Null() {
		return nil, nil
	}
	v, err := d.Int64()
	if err != nil {
		return nil, err
	}
	return &v, nil
}

func optString(d *jsonwire.Decoder) (*string, error) {
	if d.Null() {
		return nil, nil
	}
	v, err := d.String()
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// walk reads any value with the typed reader its kind calls for, and
// reads what starts no value with Raw, which reports it.
func walk(d *jsonwire.Decoder) error {
	switch d.Peek() {
	case jsonwire.Object:
		return d.Object(func([]byte) error { return walk(d) })
	case jsonwire.Array:
		return d.Array(func(int) error { return walk(d) })
	case jsonwire.String:
		_, err := d.StringBytes()
		return err
	case jsonwire.Number:
		_, err := d.Number()
		return err
	case jsonwire.Bool:
		_, err := d.Bool()
		return err
	case jsonwire.Null:
		if d.Null() {
			return nil
		}
	}
	_, err := d.Raw()
	return err
}

// check reads doc as exactly one value with Raw and End.
func check(doc []byte) error {
	d := jsonwire.NewDecoder(doc)
	if _, err := d.Raw(); err != nil {
		return err
	}
	return d.End()
}

// errRow is an error as the tests compare it.
type errRow struct {
	Path, Rule string
	Cause      string // "malformed", "type", "invalid" or the cause's text
}

func rowsOf(t *testing.T, err error) []errRow {
	t.Helper()
	if err == nil {
		return nil
	}
	var list lead.ErrorList
	if !errors.As(err, &list) {
		var fe *lead.FieldError
		if !errors.As(err, &fe) {
			t.Fatalf("error %q (%T) is neither a FieldError nor an ErrorList", err, err)
		}
		list = lead.ErrorList{fe}
	}
	var rows []errRow
	for _, fe := range list {
		cause := "other"
		switch {
		case errors.Is(fe, lead.ErrMalformed):
			cause = "malformed"
		case errors.Is(fe, lead.ErrType):
			cause = "type"
		case errors.Is(fe, lead.ErrInvalid):
			cause = "invalid"
		}
		rows = append(rows, errRow{fe.Path, fe.Rule, cause})
	}
	return rows
}
