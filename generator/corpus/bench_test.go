package corpus

import "testing"

func BenchmarkGenerate10k(b *testing.B) {
	for b.Loop() {
		Generate(Options{N: 10000, Seed: 1, Formats: true})
	}
}
