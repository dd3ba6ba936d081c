"""make bench's Python floor: a point-in-time + search_after read of a whole index with nothing but the standard
library (http.client over one kept-alive connection), each page read as raw bytes and dropped; only the last hit's
sort values are cut out of the bytes for the next page. Usage: floor_reader.py URL INDEX SORT_FIELD PAGE_SIZE RUNS.
Prints one JSON line per timed run: {"seconds": s, "documents": n, "bytes": b}; one untimed warm-up read first."""
import http.client
import json
import sys
import time
import urllib.parse

KEEP_ALIVE = "5m"


def request(conn, method, path, body):
    conn.request(method, path, body=body, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        raise SystemExit("OpenSearch answered %d to %s %s: %s" % (response.status, method, path, data[:300]))
    return data


def read_all(conn, index, sort_field, page_size):
    pit = json.loads(request(conn, "POST", "/%s/_search/point_in_time?keep_alive=%s" % (index, KEEP_ALIVE), None))[
        "pit_id"]
    documents = 0
    received = 0
    after = None
    try:
        while True:
            body = '{"size":%d,"query":{"match_all":{}},"pit":{"id":"%s","keep_alive":"%s"},' \
                   '"sort":[{"%s":"asc"}],"track_total_hits":false%s}' % (
                       page_size, pit, KEEP_ALIVE, sort_field, (',"search_after":' + after) if after else "")
            page = request(conn, "POST", "/_search", body)
            received += len(page)
            hits = page.count(b'"_index":')
            documents += hits
            if hits < page_size:
                return documents, received
            start = page.rindex(b'"sort":[') + len(b'"sort":')
            after = page[start:page.index(b"]", start) + 1].decode("utf-8")
    finally:
        request(conn, "DELETE", "/_search/point_in_time", json.dumps({"pit_id": [pit]}))


def main():
    url, index, sort_field, page_size, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    parsed = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port or 80, timeout=120)
    read_all(conn, index, sort_field, page_size)
    for _ in range(runs):
        started = time.perf_counter()
        documents, received = read_all(conn, index, sort_field, page_size)
        print(json.dumps({"seconds": time.perf_counter() - started, "documents": documents, "bytes": received}),
              flush=True)


if __name__ == "__main__":
    main()
