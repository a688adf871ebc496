package lead_test

import (
	"errors"
	"fmt"

	"github.com/leadbridge/leadbridge/lead"
)

// A report tells three kinds of loss apart; strict conversion rejects only
// what the mapping did not cover.
func ExampleReport_StrictErr() {
	var rep lead.Report
	rep.Drop("add_time", lead.LossTargetSets, "read-only: set by Copper", "")
	rep.Drop("visible_to", lead.LossNoPlace, "Copper leads have no visibility", "entire_company")
	rep.Drop("owner_id", lead.LossUnmapped, "the owner has no Copper user in the mapping's users", "pipedrive user 999")
	rep.Add("was_seen", lead.Derived, "the Copper status comes from is_archived and was_seen by the mapping")
	rep.Sort()
	for _, c := range rep {
		fmt.Printf("%s %s %q unmapped=%t\n", c.Path, c.Kind, c.Loss, c.Unmapped())
	}
	err := rep.StrictErr()
	fmt.Println(err)
	fmt.Println(errors.Is(err, lead.ErrUnmapped))
	// Output:
	// add_time dropped "target_sets" unmapped=false
	// owner_id dropped "unmapped" unmapped=true
	// visible_to dropped "no_place" unmapped=false
	// was_seen derived "" unmapped=false
	// owner_id: dropped: the owner has no Copper user in the mapping's users: not covered by the mapping
	// true
}
