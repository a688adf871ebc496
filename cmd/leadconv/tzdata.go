package main

// The Copper account's time zone (account.json, primary_timezone) is
// loaded by name; the embedded database makes that work on machines
// without /usr/share/zoneinfo. Only the binary embeds it, not the library.
import _ "time/tzdata"
