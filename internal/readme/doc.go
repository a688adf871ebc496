// Package readme holds the check that keeps README.md honest: every Go
// block in it is quoted from a Go file that CI builds, so the code a
// reader copies compiles and runs.
package readme
