// Command floor is the decode+encode floor of the conversion benchmarks: it
// reads NDJSON leads, decodes each line into a plain struct and writes it
// back, doing no translation at all, with encoding/json or with
// goccy/go-json (the fastest reflection-based JSON library in reach). A
// conversion cannot be faster than reading and writing its records, so
// bench/run quotes leadconv's throughput as a ratio of these.
//
// It lives in its own module (bench/go.mod), so that the library's users
// never inherit goccy/go-json.
//
// Usage:
//
//	floor -vendor pipedrive|copper [-codec std|goccy] < leads.ndjson > /dev/null
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	goccy "github.com/goccy/go-json"
)

// A codec is a pair of JSON functions with encoding/json's signatures.
type codec struct {
	unmarshal func([]byte, any) error
	marshal   func(any) ([]byte, error)
}

var codecs = map[string]codec{
	"std":   {json.Unmarshal, json.Marshal},
	"goccy": {goccy.Unmarshal, goccy.Marshal},
}

// pipedriveLead mirrors a Pipedrive lead; custom fields are not caught.
type pipedriveLead struct {
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
	IsArchived     bool     `json:"is_archived"`
	WasSeen        bool     `json:"was_seen"`
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

type link struct {
	Value    string `json:"url,omitempty"`
	Number   string `json:"number,omitempty"`
	Category string `json:"category"`
}

// copperLead mirrors a Copper lead.
type copperLead struct {
	ID         int64   `json:"id"`
	Name       string  `json:"name"`
	Prefix     *string `json:"prefix"`
	FirstName  *string `json:"first_name"`
	MiddleName *string `json:"middle_name"`
	LastName   *string `json:"last_name"`
	Suffix     *string `json:"suffix"`
	Address    *struct {
		Street     string `json:"street"`
		City       string `json:"city"`
		State      string `json:"state"`
		PostalCode string `json:"postal_code"`
		Country    string `json:"country"`
	} `json:"address"`
	AssigneeID       *int64  `json:"assignee_id"`
	CompanyName      *string `json:"company_name"`
	CustomerSourceID *int64  `json:"customer_source_id"`
	Details          *string `json:"details"`
	Email            *struct {
		Email    string `json:"email"`
		Category string `json:"category"`
	} `json:"email"`
	MonetaryValue *json.Number `json:"monetary_value"`
	MonetaryUnit  *string      `json:"monetary_unit"`
	PhoneNumbers  []link       `json:"phone_numbers"`
	Socials       []link       `json:"socials"`
	Status        string       `json:"status"`
	StatusID      *int64       `json:"status_id"`
	Tags          []string     `json:"tags"`
	Title         *string      `json:"title"`
	Websites      []link       `json:"websites"`
	CustomFields  []struct {
		ID    int64           `json:"custom_field_definition_id"`
		Value json.RawMessage `json:"value"`
	} `json:"custom_fields"`
	DateCreated       *int64 `json:"date_created"`
	DateModified      *int64 `json:"date_modified"`
	DateLastContacted *int64 `json:"date_last_contacted"`
	InteractionCount  *int64 `json:"interaction_count"`
}

func main() {
	vendor := flag.String("vendor", "pipedrive", "the shape of the input: pipedrive or copper")
	name := flag.String("codec", "std", "the JSON library: std (encoding/json) or goccy (goccy/go-json)")
	flag.Parse()
	c, ok := codecs[*name]
	if !ok {
		fmt.Fprintf(os.Stderr, "floor: unknown codec %q (want std or goccy)\n", *name)
		os.Exit(2)
	}
	n, err := run(c, *vendor, os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "floor: %d records\n", n)
}

func run(c codec, vendor string, in io.Reader, out io.Writer) (int, error) {
	r := bufio.NewReaderSize(in, 1<<20)
	w := bufio.NewWriterSize(out, 1<<20)
	defer w.Flush()
	n := 0
	for {
		line, err := r.ReadSlice('\n')
		if len(line) > 1 {
			var b []byte
			var derr error
			switch vendor {
			case "pipedrive":
				var l pipedriveLead
				if derr = c.unmarshal(line, &l); derr == nil {
					b, derr = c.marshal(&l)
				}
			case "copper":
				var l copperLead
				if derr = c.unmarshal(line, &l); derr == nil {
					b, derr = c.marshal(&l)
				}
			default:
				return n, fmt.Errorf("unknown vendor %q", vendor)
			}
			if derr != nil {
				return n, fmt.Errorf("record %d: %w", n+1, derr)
			}
			w.Write(b)
			w.WriteByte('\n')
			n++
		}
		if err == io.EOF {
			return n, nil
		}
		if err == bufio.ErrBufferFull {
			return n, fmt.Errorf("record %d longer than 1 MiB", n+1)
		}
		if err != nil {
			return n, err
		}
	}
}
