package compat

import "github.com/oasgen/oasgen/generator/ir"

// schemes compares the security schemes: each declares client options
// (WithAPIKey, a token source, a login), whose removal or rename breaks
// the code that calls them.
func (d *differ) schemes() {
	news := map[string]*ir.SecurityScheme{}
	for _, s := range d.new.Schemes {
		news[s.Name] = s
	}
	olds := map[string]bool{}
	for _, s := range d.old.Schemes {
		olds[s.Name] = true
		ptr := pointerTo("/components/securitySchemes", s.Name)
		n := news[s.Name]
		for _, opt := range [][2]string{{s.Option, optionOf(n, 0)}, {s.SourceOption, optionOf(n, 1)}, {s.LoginOption, optionOf(n, 2)}} {
			switch {
			case opt[0] == "" || opt[0] == opt[1]:
			case n == nil:
				d.add(true, opt[0], ptr, "option removed with the security scheme %q", s.Name)
			case opt[1] == "":
				d.add(true, opt[0], ptr, "option removed: the security scheme %q no longer takes it", s.Name)
			default:
				d.add(true, opt[0], ptr, "renamed to %s", opt[1])
			}
		}
		if n != nil && n.Kind != s.Kind {
			d.add(true, "security scheme "+s.Name, ptr, "now takes other credentials: deployed clients send the old ones")
		}
	}
	for _, n := range d.new.Schemes {
		if !olds[n.Name] {
			d.add(false, "security scheme "+n.Name, pointerTo("/components/securitySchemes", n.Name), "new security scheme")
		}
	}
}

// optionOf returns a scheme's option of a kind: 0 the credentials, 1 the
// token source, 2 the login; "" for none.
func optionOf(s *ir.SecurityScheme, kind int) string {
	if s == nil {
		return ""
	}
	return [...]string{s.Option, s.SourceOption, s.LoginOption}[kind]
}

// servers compares the constants of the spec's server URLs.
func (d *differ) servers() {
	news := map[string]*ir.Server{}
	for _, s := range d.new.Servers {
		news[s.Name] = s
	}
	olds := map[string]bool{}
	for _, s := range d.old.Servers {
		olds[s.Name] = true
		n := news[s.Name]
		switch {
		case n == nil:
			d.add(true, s.Name, "/servers", "server URL constant removed (it was %s)", s.URL)
		case n.URL != s.URL:
			d.add(false, s.Name, "/servers", "now %s, was %s", n.URL, s.URL)
		}
	}
	for _, n := range d.new.Servers {
		if !olds[n.Name] {
			d.add(false, n.Name, "/servers", "new server URL %s", n.URL)
		}
	}
}
