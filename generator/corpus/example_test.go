package corpus_test

import (
	"fmt"

	"github.com/pmkb/pmkb/generator/corpus"
	"github.com/pmkb/pmkb/generator/model"
)

func ExampleGenerate() {
	c := corpus.Generate(corpus.Options{N: 1000, Seed: 1, Today: model.Date{Year: 2026, Month: 11, Day: 27}, Formats: true})
	fsys := c.FS() // hand this to a build as its site root
	_, err := fsys.Open("pmkb.toml")
	fmt.Println(len(c.Truth.IDs), err)
	fmt.Println(len(c.Truth.Words["zorblax"]) > 0, c.Truth.Actions.Overdue > 0)
	// Output:
	// 1000 <nil>
	// true true
}
