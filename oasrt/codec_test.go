package oasrt

import (
	"encoding/binary"
	"testing"
)

// TestSpecialWord holds the eight-byte test of the string reader to the
// byte table, for every byte at every place, and for pairs of bytes.
func TestSpecialWord(t *testing.T) {
	for i := 0; i < 256; i++ {
		for pos := 0; pos < 8; pos++ {
			b := []byte("abcdefgh")
			b[pos] = byte(i)
			got := specialWord(binary.LittleEndian.Uint64(b))
			want := !plainByte[byte(i)]
			if got != want {
				t.Fatalf("byte %#x at %d: got %v", i, pos, got)
			}
		}
	}
	// two specials
	for i := 0; i < 256; i++ {
		for j := 0; j < 256; j++ {
			b := []byte("abcdefgh")
			b[2] = byte(i)
			b[5] = byte(j)
			if specialWord(binary.LittleEndian.Uint64(b)) != (!plainByte[byte(i)] || !plainByte[byte(j)]) {
				t.Fatalf("%x %x", i, j)
			}
		}
	}
}
