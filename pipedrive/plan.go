package pipedrive

import (
	"fmt"
	"strings"
)

// planNames are Pipedrive's plan names, old and current, by the Plan they
// give visible_to's codes (Pipedrive's "Visibility groups" article: Light,
// Growth and Professional know "1" and "3"; Premium and Ultimate "1", "3",
// "5" and "7").
var planNames = []struct {
	name string
	plan Plan
}{
	{"light", PlanEssential}, {"growth", PlanEssential}, {"professional", PlanEssential},
	{"essential", PlanEssential}, {"advanced", PlanEssential},
	{"premium", PlanPremium}, {"ultimate", PlanPremium}, {"power", PlanPremium}, {"enterprise", PlanPremium},
}

// PlanNames returns the plan names ParsePlan accepts, in lower case.
func PlanNames() []string {
	names := make([]string, len(planNames))
	for i, p := range planNames {
		names[i] = p.name
	}
	return names
}

// ParsePlan returns the Plan of the Pipedrive plan called name ("growth",
// "Premium", ...; case does not matter). An unknown name is an error
// listing the known ones.
func ParsePlan(name string) (Plan, error) {
	for _, p := range planNames {
		if strings.EqualFold(p.name, name) {
			return p.plan, nil
		}
	}
	return PlanUnknown, fmt.Errorf("unknown Pipedrive plan %q (want one of %s)", name, strings.Join(PlanNames(), ", "))
}
