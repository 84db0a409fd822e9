// Command peers measures the benchmark API's implementations side by side
// (see package bench) and prints ours/peer CPU-time ratios.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/oasgen/oasgen/bench"
)

func main() {
	rounds := flag.Int("rounds", 9, "rounds per metric")
	window := flag.Duration("window", 100*time.Millisecond, "time per implementation per round")
	items := flag.Int("items", 100, "items in the payload")
	flag.Parse()
	env := bench.NewEnv(*items)
	defer env.Close()
	if err := env.Check(); err != nil {
		fmt.Fprintln(os.Stderr, "peers:", err)
		os.Exit(1)
	}
	fmt.Printf("payload: %d items, %d bytes; %d rounds of %v; CPU time per op (median):\n", *items, len(env.Payload), *rounds, *window)
	res, err := env.Run(*rounds, *window, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "peers:", err)
		os.Exit(1)
	}
	for _, l := range res.Lines("ours", []string{"ogen", "oapi-codegen", "stdlib"}) {
		fmt.Println(l)
	}
}
