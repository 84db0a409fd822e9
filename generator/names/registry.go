package names

import "strconv"

// Registry hands out unique names within one Go scope. It is not safe for
// concurrent use; a generator run owns one per scope.
type Registry struct {
	used map[string]bool
}

// NewRegistry returns a registry in which the given names are already
// taken (the generator's own helper declarations, for example).
func NewRegistry(reserved ...string) *Registry {
	r := &Registry{used: make(map[string]bool, len(reserved))}
	for _, n := range reserved {
		r.used[n] = true
	}
	return r
}

// Claim returns want if it is free, or else want followed by the smallest
// number from 2 up that is free, and marks the result as taken.
func (r *Registry) Claim(want string) string {
	name := want
	for i := 2; r.used[name]; i++ {
		name = want + strconv.Itoa(i)
	}
	r.used[name] = true
	return name
}

// Taken reports whether name has been claimed or reserved.
func (r *Registry) Taken(name string) bool { return r.used[name] }
