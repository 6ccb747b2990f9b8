package fix

import (
	"math/rand"
	"strings"
	"testing"
)

// TestLineHunks checks that the hunks turn old into new, for random line
// lists over a small alphabet (many equal lines, as in code).
func TestLineHunks(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	gen := func() []string {
		n := rng.Intn(12)
		out := make([]string, n)
		for i := range out {
			out[i] = string(rune('a'+rng.Intn(4))) + "\n"
		}
		return out
	}
	for range 5000 {
		old, new := gen(), gen()
		hunks := lineHunks(old, new)
		var got []string
		last := 0
		for _, h := range hunks {
			if h.oldStart < last || h.oldEnd < h.oldStart {
				t.Fatalf("bad hunk %+v in %q -> %q", h, old, new)
			}
			got = append(got, old[last:h.oldStart]...)
			got = append(got, new[h.newStart:h.newEnd]...)
			last = h.oldEnd
		}
		got = append(got, old[last:]...)
		if strings.Join(got, "") != strings.Join(new, "") {
			t.Fatalf("%q -> %q: hunks %+v give %q", old, new, hunks, got)
		}
		changed := 0
		for _, h := range hunks {
			changed += h.oldEnd - h.oldStart + h.newEnd - h.newStart
		}
		if want := len(old) + len(new) - 2*lcs(old, new); changed != want {
			t.Fatalf("%q -> %q: hunks %+v change %d lines, want %d", old, new, hunks, changed, want)
		}
	}
}

// TestLineHunksMinimal checks that one inserted line makes one hunk that
// inserts it.
func TestLineHunksMinimal(t *testing.T) {
	old := []string{"a\n", "b\n", "}\n", "c\n", "}\n"}
	new := []string{"a\n", "b\n", "x\n", "}\n", "c\n", "}\n"}
	hunks := lineHunks(old, new)
	if len(hunks) != 1 || hunks[0].oldStart != hunks[0].oldEnd || hunks[0].newEnd-hunks[0].newStart != 1 {
		t.Fatalf("hunks %+v", hunks)
	}
}

func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}
