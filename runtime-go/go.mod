module ard2go.dev/rt

go 1.21
