package emit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"testing"
)

// TestCommentsGoThroughTheSanitiser holds the emitters to comment.go: no
// other file may call jennifer's Comment, Commentf or HeaderComment, which
// write a string starting with // or /* as it is, and a string with a line
// break as a block comment.
func TestCommentsGoThroughTheSanitiser(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if name == "comment.go" {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				switch sel.Sel.Name {
				case "Comment", "Commentf", "HeaderComment", "CommentFunc", "PackageComment", "CanonicalPath":
					t.Errorf("%s calls %s; write comments with commentLine or commentLines", name, sel.Sel.Name)
				}
			}
			return true
		})
	}
}
