package pipedrive_test

import (
	"fmt"

	"github.com/leadbridge/leadbridge/pipedrive"
)

func ExampleParsePlan() {
	for _, name := range []string{"Growth", "ultimate", "gold"} {
		p, err := pipedrive.ParsePlan(name)
		fmt.Println(p, err)
	}
	// Output:
	// essential <nil>
	// premium <nil>
	// unknown unknown Pipedrive plan "gold" (want one of light, growth, professional, essential, advanced, premium, ultimate, power, enterprise)
}
