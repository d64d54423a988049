// http_json server, hand-written Go: the same small JSON endpoint on
// net/http (GET /item/{id}), listening on 127.0.0.1:$PORT.
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strconv"
)

type item struct {
	ID    int      `json:"id"`
	Name  string   `json:"name"`
	Price float64  `json:"price"`
	Tags  []string `json:"tags"`
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "18917"
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /item/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.Atoi(r.PathValue("id"))
		body, err := json.Marshal(item{ID: id, Name: fmt.Sprintf("item-%d", id), Price: 9.5, Tags: []string{"fresh", "local"}})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	if err := http.ListenAndServe("127.0.0.1:"+port, mux); err != nil {
		fmt.Println("serve failed:", err)
	}
}
