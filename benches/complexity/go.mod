module ard2go.dev/complexity

go 1.22

require ard2go.dev/rt v0.0.0

replace ard2go.dev/rt => ../../runtime-go
