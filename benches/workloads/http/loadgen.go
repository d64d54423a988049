// loadgen drives the http_json benchmark: it starts each server binary in
// turn on a loopback port, waits until it answers, sends a fixed number of
// GET requests from a few keep-alive clients, checks every answer and
// reports the best requests per second of each server and their ratio.
//
// usage: go run loadgen.go -go GO_SERVER -ard ARD_SERVER [-requests N] [-clients C] [-reps R] [-port P]
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"time"
)

func expected(id int) string {
	return fmt.Sprintf(`{"id":%d,"name":"item-%d","price":9.5,"tags":["fresh","local"]}`, id, id)
}

// run starts bin, sends requests from clients goroutines and returns the
// elapsed time of the requests (not of the start-up).
func run(bin string, port, requests, clients int) (time.Duration, error) {
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "PORT="+strconv.Itoa(port))
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	client := &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: clients, DisableCompression: true},
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := client.Get(base + "/item/0")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("%s did not start: %v", bin, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := c; i < requests; i += clients {
				resp, err := client.Get(base + "/item/" + strconv.Itoa(i))
				if err != nil {
					errs <- err
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 || string(body) != expected(i) ||
					resp.Header.Get("Content-Type") != "application/json" {
					errs <- fmt.Errorf("%s: request %d: status %d, body %q, err %v", bin, i, resp.StatusCode, body, err)
					return
				}
			}
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(errs)
	if err := <-errs; err != nil {
		return 0, err
	}
	return elapsed, nil
}

func main() {
	goBin := flag.String("go", "", "hand-written Go server binary")
	ardBin := flag.String("ard", "", "ard2go server binary")
	requests := flag.Int("requests", 20000, "requests per run")
	clients := flag.Int("clients", 4, "concurrent keep-alive clients")
	reps := flag.Int("reps", 5, "runs per server (best kept)")
	port := flag.Int("port", 18917, "loopback port")
	flag.Parse()
	if *goBin == "" || *ardBin == "" {
		flag.Usage()
		os.Exit(2)
	}
	best := map[string]time.Duration{}
	for r := 0; r < *reps; r++ {
		for _, bin := range []string{*goBin, *ardBin} {
			d, err := run(bin, *port, *requests, *clients)
			if err != nil {
				fmt.Fprintln(os.Stderr, "loadgen:", err)
				os.Exit(1)
			}
			if b, ok := best[bin]; !ok || d < b {
				best[bin] = d
			}
		}
	}
	rps := func(bin string) float64 { return float64(*requests) / best[bin].Seconds() }
	fmt.Printf("http_json: %d requests, %d clients, best of %d\n", *requests, *clients, *reps)
	fmt.Printf("%-10s %10s %12s\n", "server", "seconds", "requests/s")
	fmt.Printf("%-10s %10.3f %12.0f\n", "go", best[*goBin].Seconds(), rps(*goBin))
	fmt.Printf("%-10s %10.3f %12.0f\n", "ard2go", best[*ardBin].Seconds(), rps(*ardBin))
	fmt.Printf("ratio (ard2go time / go time): %.2f\n", best[*ardBin].Seconds()/best[*goBin].Seconds())
}
