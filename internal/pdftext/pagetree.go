package pdftext

import (
	"errors"

	"github.com/ledongthuc/pdf"
)

// pageRef is one page and the resources it uses, its own or inherited.
type pageRef struct {
	v         pdf.Value
	resources pdf.Value
}

// errMorePages says the walk stopped at the page limit with pages left.
var errMorePages = errors.New("more pages than the limit")

// errBadPageTree says the page tree is missing, damaged or has a cycle.
var errBadPageTree = errors.New("bad page tree")

// Bounds of the page-tree walk: a real tree is a few levels deep; a forged
// one must not make the walk take long or deep.
const (
	maxTreeDepth    = 64
	maxTreeNodes    = 100000
	maxParentHops   = 32
	scannedPagesKey = "InnsynPages" // see repair.go
)

// pageWalker hands pages to fn, at most maxPages.
type pageWalker struct {
	maxPages int
	fn       func(pageRef) bool
	found    int
	stopped  bool // fn said stop, or the limit was reached
}

// walkPages calls fn for each page in document order until fn returns false
// or maxPages pages were seen. It walks the tree itself instead of calling
// Reader.Page(i), which loops forever on a /Pages node that is its own kid
// and costs O(pages) per call; here every intermediate node is visited once
// (recognised by its serialised dictionary), resources are inherited down
// the walk rather than up /Parent links (which may also form a cycle), and
// a damaged node costs that node only. When the tree gives no page at all
// and the file was repaired, the page objects the repair found are read
// in file order instead, as viewers do.
func walkPages(r *pdf.Reader, maxPages int, fn func(pageRef) bool) error {
	w := &pageWalker{maxPages: maxPages, fn: fn}
	err := w.tree(trailerValue(r, "Root", "Pages"))
	if w.found == 0 && !w.stopped {
		if list := trailerValue(r, scannedPagesKey); list.Kind() == pdf.Array {
			err = w.list(list)
		}
	}
	return err
}

// visit hands one page to fn.
func (w *pageWalker) visit(p pageRef) error {
	if w.found == w.maxPages {
		w.stopped = true
		return errMorePages
	}
	w.found++
	if !w.fn(p) {
		w.stopped = true
	}
	return nil
}

type treeFrame struct {
	node, res pdf.Value
	depth     int
}

// tree walks the page tree from its root.
func (w *pageWalker) tree(root pdf.Value) error {
	if root.Kind() != pdf.Dict {
		return errBadPageTree
	}
	stack := []treeFrame{{node: root}}
	seen := map[string]bool{}
	var err error
	for nodes := 0; len(stack) > 0 && !w.stopped; nodes++ {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if nodes > maxTreeNodes {
			return errBadPageTree
		}
		page, kids, res, ok := readNode(f, seen)
		switch {
		case !ok:
			err = errBadPageTree
		case page:
			if e := w.visit(pageRef{v: f.node, resources: res}); e != nil {
				return e
			}
		default:
			for i := kids.Len() - 1; i >= 0; i-- {
				stack = append(stack, treeFrame{node: index(kids, i), res: res, depth: f.depth + 1})
			}
		}
	}
	return err
}

// readNode reads one node of the page tree: a page, or an inner node and
// its kids. ok is false for a damaged node, a node seen before (a cycle)
// or one too deep.
func readNode(f treeFrame, seen map[string]bool) (page bool, kids, res pdf.Value, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	if f.node.Kind() != pdf.Dict {
		return false, kids, res, false
	}
	res = f.res
	if own := f.node.Key("Resources"); own.Kind() == pdf.Dict {
		res = own
	}
	kids = f.node.Key("Kids")
	typ := f.node.Key("Type").Name()
	if typ == "Page" || typ != "Pages" && kids.Kind() != pdf.Array {
		return true, kids, res, true
	}
	fp := f.node.String()
	if seen[fp] || f.depth >= maxTreeDepth {
		return false, kids, res, false
	}
	seen[fp] = true
	return false, kids, res, true
}

// list reads the pages of a list of page objects, each with the resources
// it has or inherits through /Parent.
func (w *pageWalker) list(pages pdf.Value) error {
	for i := 0; i < pages.Len() && !w.stopped; i++ {
		p := index(pages, i)
		if p.Kind() != pdf.Dict {
			continue
		}
		if err := w.visit(pageRef{v: p, resources: inheritedResources(p)}); err != nil {
			return err
		}
	}
	return nil
}

func inheritedResources(p pdf.Value) (res pdf.Value) {
	defer func() { _ = recover() }()
	for hops := 0; p.Kind() == pdf.Dict && hops < maxParentHops; hops++ {
		if r := p.Key("Resources"); r.Kind() == pdf.Dict {
			return r
		}
		p = p.Key("Parent")
	}
	return res
}

// trailerValue follows keys from the trailer; a damaged object on the way
// (the parser panics) gives a null.
func trailerValue(r *pdf.Reader, keys ...string) (v pdf.Value) {
	defer func() {
		if recover() != nil {
			v = pdf.Value{}
		}
	}()
	v = r.Trailer()
	for _, k := range keys {
		v = v.Key(k)
	}
	return v
}

// index resolves one element of an array; a damaged one (the parser
// panics) is a null, skipped, so that the others are still read.
func index(a pdf.Value, i int) (v pdf.Value) {
	defer func() { _ = recover() }()
	return a.Index(i)
}
