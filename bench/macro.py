#!/usr/bin/env python3
"""gan-service against its PyTorch twin, side by side on this machine: training throughput,
memory, start-up and GET /samples latency and throughput. Prints one markdown table and writes it
to target/bench/results.md (raw figures in target/bench/results.json).

Run it through bench/run.sh, which builds the jar and runs the JMH kernels first; README
"Benchmark" lists the BENCH_* settings. Only the Python standard library is needed here; the
twin needs Debian's python3-torch.
"""
import http.client
import json
import math
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "bench"
JVM_FLAGS = "-Xmx1g -Dorg.bytedeco.javacpp.maxbytes=2g -Dorg.bytedeco.javacpp.maxphysicalbytes=4g"
DATA_DIRS = [ROOT / "data" / "fashion-mnist", Path("/usr/share/datasets/fashion-mnist")]
TORCH_SCRIPTS = [ROOT.parent / "shared" / "bench" / "torch_gan.py"]
FINISHED = {"SUCCEEDED", "FAILED", "CANCELLED", "INTERRUPTED"}
# Training targets from the speed issue: gan-service's images/s as a multiple of PyTorch's.
TRAINING_TARGETS = {128: 1.25}


def setting(name, default):
    return os.environ.get("BENCH_" + name, str(default))


class Settings:
    def __init__(self):
        self.runs = int(setting("RUNS", 3))
        self.batches = int(setting("BATCHES", 200))
        self.batch_sizes = [int(b) for b in setting("BATCH_SIZES", "64 128 256").split()]
        self.threads = int(setting("THREADS", os.cpu_count()))
        self.warmup_batches = int(setting("WARMUP_BATCHES", 20))
        self.requests = int(setting("REQUESTS", 300))
        # The JIT compiles the sampling path after thousands of requests; 20 left p50 near 5 ms
        # where the warm service answers in about 2 ms.
        self.sample_warmup_seconds = float(setting("SAMPLE_WARMUP_SECONDS", 10))
        self.clients = int(setting("CLIENTS", 8))
        self.load_seconds = float(setting("LOAD_SECONDS", 15))
        self.python = setting("PYTHON", "/usr/bin/python3")
        self.java = setting("JAVA", shutil.which("java") or "java")
        self.java_opts = setting("JAVA_OPTS", JVM_FLAGS).split()
        jars = sorted((ROOT / "target").glob("gan-service-*.jar"))
        self.jar = jars[0] if jars else None
        self.data = Path(setting("DATA", next(
            (d for d in DATA_DIRS if (d / "train-images-idx3-ubyte.gz").is_file()), DATA_DIRS[0])))
        torch = os.environ.get("BENCH_TORCH_SCRIPT")
        candidates = [Path(torch)] if torch else TORCH_SCRIPTS
        self.torch = next((c for c in candidates if c.is_file()), None)


def log(message):
    print("[bench] " + message, file=sys.stderr, flush=True)


def percentile(values, p):
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    """User plus system CPU time a process has used, from /proc/<pid>/stat."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_status(pid, key):
    """A kB figure from /proc/<pid>/status, such as VmHWM (peak resident set)."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


class Service:
    """The packaged jar on a free loopback port, with its own runs folder."""

    def __init__(self, settings):
        self.settings = settings
        self.port = free_port()
        self.work = OUT / "work"
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        self.process = None

    def start(self):
        s = self.settings
        command = [s.java, *s.java_opts, "-jar", str(s.jar.resolve()),
                   "--server.port=%d" % self.port, "--server.address=127.0.0.1",
                   "--gan.runs-dir=" + str(self.work / "runs"),
                   "--gan.data.dirs=" + str(s.data.resolve()),
                   "--gan.data.download.enabled=false",
                   # The twin does not score its epochs either; scoring is measured on its own
                   # (README, "Quality score").
                   "--gan.quality.enabled=false",
                   "--gan.nd4j.threads=%d" % s.threads]
        env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE")
        self.log = open(OUT / "service.log", "w")
        started = time.monotonic()
        self.process = subprocess.Popen(command, cwd=self.work, env=env, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        deadline = started + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("the service exited at start-up; see " + str(OUT / "service.log"))
            try:
                status, body = self.request("GET", "/actuator/health/readiness")
                if status == 200 and json.loads(body).get("status") == "UP":
                    return time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.05)
        raise SystemExit("the service was not ready after 180 s; see " + str(OUT / "service.log"))

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self.log.close()

    def request(self, method, path, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            headers = {"Content-Type": "application/json"} if body is not None else {}
            connection.request(method, path, body=json.dumps(body) if body is not None else None,
                               headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def train(self, batch_size, batches, seed):
        """Images per second of one epoch of `batches` batches (all images if 0)."""
        job = {"epochs": 1, "batchSize": batch_size, "seed": seed}
        if batches:
            job["limit"] = batch_size * batches
        status, body = self.request("POST", "/train", job)
        if status != 202:
            raise SystemExit("POST /train answered %d: %s" % (status, body.decode()))
        job_id = json.loads(body)["id"]
        while True:
            time.sleep(0.5)
            status, body = self.request("GET", "/train/" + job_id)
            snapshot = json.loads(body)
            if snapshot["status"] in FINISHED:
                break
        if snapshot["status"] != "SUCCEEDED":
            raise SystemExit("job %s ended %s: %s" % (job_id, snapshot["status"],
                                                      snapshot.get("error")))
        return snapshot["history"][-1]["imagesPerSecond"]

    def peak_rss_kib(self):
        return proc_status(self.process.pid, "VmHWM")


def torch_blas(settings):
    """The BLAS library the twin's torch actually maps, and a warning if it is the reference one.

    Debian's python3-torch calls whatever libblas.so.3 the system's alternatives select; without
    OpenBLAS installed that is the unoptimised reference BLAS, many times slower.
    """
    probe = ("import torch, os\n"
             "for line in open('/proc/self/maps'):\n"
             "    path = line.split()[-1]\n"
             "    if 'blas' in os.path.basename(path) and '.so' in path:\n"
             "        print(os.path.realpath(path)); break\n")
    result = subprocess.run([settings.python, "-c", probe], capture_output=True, text=True)
    library = result.stdout.strip() or "unknown"
    reference = "/blas/" in library or "netlib" in library
    warning = (" REFERENCE BLAS: the twin runs many times slower than with OpenBLAS, so the"
               " ratios flatter gan-service (on Debian: apt-get install libopenblas0-pthread)."
               if reference else "")
    return library, warning


def torch_train(settings, batch_size, batches, seed):
    """Images per second and peak RSS (KiB) of one run of the PyTorch twin."""
    command = [settings.python, str(settings.torch), "--epochs", "1", "--no-save",
               "--batch-size", str(batch_size), "--threads", str(settings.threads),
               "--seed", str(seed), "--data", str(settings.data)]
    if batches:
        command += ["--max-batches", str(batches)]
    env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE")
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    output = process.stdout.read()
    # wait4 gives this child's own peak RSS, which /proc no longer shows once it has exited.
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit("the PyTorch twin failed:\n" + output)
    epoch_lines = [line.split() for line in output.splitlines()
                   if line.split() and line.split()[0] == "1"]
    return float(epoch_lines[-1][6]), usage.ru_maxrss


class SampleClient:
    """GET /samples?count=64 over one keep-alive connection, a fresh random seed each time."""

    def __init__(self, port):
        self.port = port
        self.connection = None
        self.random = random.Random()

    def get(self):
        """Seconds the request took, or None when it failed."""
        path = "/samples?count=64&scale=1&seed=%d" % self.random.getrandbits(53)
        started = time.perf_counter()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.connection.request("GET", path)
            response = self.connection.getresponse()
            body = response.read()
            ok = (response.status == 200 and body.startswith(b"\x89PNG")
                  and response.getheader("Content-Type") == "image/png")
        except (OSError, http.client.HTTPException):
            if self.connection is not None:
                self.connection.close()
            self.connection = None
            ok = False
        elapsed = time.perf_counter() - started
        return elapsed if ok else None


def one_client(port, requests, warmup_seconds):
    client = SampleClient(port)
    warm = time.perf_counter() + warmup_seconds
    client.get()
    while time.perf_counter() < warm:
        client.get()
    latencies = [client.get() for _ in range(requests)]
    errors = sum(1 for latency in latencies if latency is None)
    return [latency for latency in latencies if latency is not None], errors


def many_clients(port, clients, seconds):
    ok = [0] * clients
    errors = [0] * clients
    latencies = [[] for _ in range(clients)]
    start = threading.Barrier(clients + 1)
    stop = threading.Event()

    def work(i):
        client = SampleClient(port)
        client.get()
        start.wait()
        while not stop.is_set():
            latency = client.get()
            if latency is None:
                errors[i] += 1
            else:
                ok[i] += 1
                latencies[i].append(latency)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return sum(ok) / elapsed, sum(errors), [x for per in latencies for x in per]


def ratio(ours, theirs):
    return "%.2f" % (ours / theirs) if ours and theirs else "–"


def verdict(met):
    return "yes" if met else "**no**"


def number(value):
    return "%.0f" % value if value >= 100 else "%.3g" % value


def jmh_rows():
    """Kernel rows from target/jmh.json, when bench/run.sh ran JMH just before."""
    path = ROOT / "target" / "jmh.json"
    if os.environ.get("BENCH_JMH", "1") == "0" or not path.is_file():
        return []
    names = {
        "TrainingStepBenchmark.trainingStep": "kernel: one training step, batch 128",
        "StepMatrixProductsBenchmark.matrixProducts":
            "kernel: the matrix products of that step alone",
        "GeneratorForwardBenchmark.generate": "kernel: noise + generator forward, 64 images",
        "PngGridBenchmark.renderAndEncode": "kernel: 8x8 grid layout + PNG, scale 1",
        "PngGridBenchmark.encodeOnly": "kernel: PNG encoding of the 8x8 grid only",
        "BatchGatherBenchmark.gather": "kernel: gather one shuffled batch of 128",
    }
    rows = []
    for result in json.loads(path.read_text()):
        key = ".".join(result["benchmark"].split(".")[-2:])
        metric = result["primaryMetric"]
        error = float(metric["scoreError"])
        figure = "%s %s" % (number(metric["score"]), metric["scoreUnit"].replace("us/", "µs/"))
        if not math.isnan(error):  # NaN when a single iteration gives no error bar
            figure += " ± %s" % number(error)
        if key == "TrainingStepBenchmark.trainingStep" and metric["scoreUnit"] == "ms/op":
            figure += " (%.0f images/s)" % (128 * 1000 / metric["score"])
        rows.append([names.get(key, key) + " (JMH)", figure, "–", "–", "–", "–"])
    return rows


def main():
    s = Settings()
    if s.jar is None:
        raise SystemExit("no jar in target; run bench/run.sh, or ./mvnw -DskipTests package")
    blas, blas_warning = "–", ""
    if s.torch is None:
        log("PyTorch twin not found (set BENCH_TORCH_SCRIPT); its column stays empty")
    else:
        blas, blas_warning = torch_blas(s)
        log("PyTorch's BLAS: " + blas + blas_warning)
    OUT.mkdir(parents=True, exist_ok=True)
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    log("threads %d, %d run(s), batch sizes %s, %s batches per run, data %s"
        % (s.threads, s.runs, s.batch_sizes, s.batches or "all", s.data))

    service = Service(s)
    ours = {b: [] for b in s.batch_sizes}
    theirs = {b: [] for b in s.batch_sizes}
    torch_rss = 0
    try:
        ready = service.start()
        log("service ready in %.2f s on port %d" % (ready, service.port))
        if s.warmup_batches:
            log("warm-up job: %d batches of 128, not counted" % s.warmup_batches)
            service.train(128, s.warmup_batches, 0)
        for run in range(1, s.runs + 1):
            for batch_size in s.batch_sizes:
                rate = service.train(batch_size, s.batches, run)
                ours[batch_size].append(rate)
                log("run %d batch %d: gan-service %.0f images/s" % (run, batch_size, rate))
                if s.torch:
                    rate, rss = torch_train(s, batch_size, s.batches, run)
                    theirs[batch_size].append(rate)
                    torch_rss = max(torch_rss, rss)
                    log("run %d batch %d: PyTorch %.0f images/s" % (run, batch_size, rate))
        service_rss = service.peak_rss_kib()

        log("GET /samples, 1 client, %d requests after %.0f s of warm-up"
            % (s.requests, s.sample_warmup_seconds))
        single, single_errors = one_client(service.port, s.requests, s.sample_warmup_seconds)
        log("GET /samples, %d clients, %.0f s" % (s.clients, s.load_seconds))
        service_cpu, client_cpu = cpu_seconds(service.process.pid), time.process_time()
        throughput, load_errors, loaded = many_clients(service.port, s.clients, s.load_seconds)
        served = len(loaded) + load_errors
        service_cpu = (cpu_seconds(service.process.pid) - service_cpu) / max(served, 1)
        client_cpu = (time.process_time() - client_cpu) / max(served, 1)
    finally:
        service.stop()
    load_after = Path("/proc/loadavg").read_text().split()[:3]

    rows = []
    for batch_size in s.batch_sizes:
        ours_median = statistics.median(ours[batch_size])
        theirs_median = statistics.median(theirs[batch_size]) if theirs[batch_size] else None
        wanted = TRAINING_TARGETS.get(batch_size, 1.0)
        met = "–"
        if theirs_median and blas_warning:
            met = "unknown: twin on reference BLAS"
        elif theirs_median:
            met = verdict(ours_median >= wanted * theirs_median)
        rows.append(["training images/s, batch %d" % batch_size, "%.0f" % ours_median,
                     "%.0f" % theirs_median if theirs_median else "–",
                     ratio(ours_median, theirs_median), "≥ %.2f × PyTorch" % wanted, met])
    rows.append(["peak resident memory while training (VmHWM)",
                 "%.0f MiB" % (service_rss / 1024),
                 "%.0f MiB" % (torch_rss / 1024) if torch_rss else "–",
                 ratio(service_rss, torch_rss), "≤ 2048 MiB",
                 verdict(service_rss <= 2 * 1024 * 1024)])
    rows.append(["process start to ready", "%.2f s" % ready, "–", "–", "≤ 10 s",
                 verdict(ready <= 10)])
    if single:
        p50, p90, p99 = (percentile(single, p) * 1000 for p in (50, 90, 99))
        rows.append(["`GET /samples?count=64`, 1 client: p50 / p90 / p99",
                     "%.1f / %.1f / %.1f ms" % (p50, p90, p99), "–", "–",
                     "p50 ≤ 5 ms, p99 ≤ 10 ms", verdict(p50 <= 5 and p99 <= 10
                                                        and not single_errors)])
    rows.append(["`GET /samples?count=64`, 1 client: errors",
                 "%d of %d" % (single_errors, s.requests), "–", "–", "0",
                 verdict(single_errors == 0)])
    loaded_p99 = "%.0f ms" % (percentile(loaded, 99) * 1000) if loaded else "–"
    rows.append(["`GET /samples?count=64`, %d clients: requests/s (errors, p99)" % s.clients,
                 "%.0f req/s (%d errors, p99 %s)" % (throughput, load_errors, loaded_p99),
                 "–", "–", "≥ 500 req/s, no errors",
                 verdict(throughput >= 500 and load_errors == 0)])
    # CPU time per request varies less with other work on the machine than requests per second
    # do, and the two together bound what idle cores could serve.
    rows.append(["`GET /samples?count=64`, %d clients: CPU per request, service / client"
                 % s.clients,
                 "%.2f / %.2f ms (idle cores could serve ≈ %.0f req/s)"
                 % (service_cpu * 1000, client_cpu * 1000,
                    os.cpu_count() / max(service_cpu + client_cpu, 1e-9)),
                 "–", "–", "–", "–"])
    rows.extend(jmh_rows())

    header = ["figure", "gan-service", "PyTorch", "ratio", "target", "met"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    table = "\n".join(lines)
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip() or "unknown"
    notes = ("%s, commit %s, %d cores, %d thread(s) each side, OMP_WAIT_POLICY=PASSIVE; "
             "training: median of %d run(s) of %s batches (service and twin alternating, "
             "warm-up job of %d batches first); load average %s before, %s after; "
             "PyTorch's BLAS: %s.%s"
             % (time.strftime("%Y-%m-%d %H:%M:%S %Z"), commit, os.cpu_count(), s.threads,
                s.runs, s.batches or "a full epoch of", s.warmup_batches,
                " ".join(load_before), " ".join(load_after), blas, blas_warning))
    raw = "Runs, images/s: " + "; ".join(
        "batch %d: gan-service %s, PyTorch %s" % (b, [round(x) for x in ours[b]],
                                                  [round(x) for x in theirs[b]])
        for b in s.batch_sizes)
    print(table)
    print()
    print(notes)
    print(raw)
    (OUT / "results.md").write_text(table + "\n\n" + notes + "\n\n" + raw + "\n")
    (OUT / "results.json").write_text(json.dumps({
        "settings": {k: str(v) for k, v in vars(s).items()},
        "training": {"gan-service": ours, "pytorch": theirs},
        "peakRssKiB": {"gan-service": service_rss, "pytorch": torch_rss},
        "readySeconds": ready,
        "oneClient": {"latenciesSeconds": single, "errors": single_errors},
        "manyClients": {"clients": s.clients, "requestsPerSecond": throughput,
                        "errors": load_errors, "serviceCpuSecondsPerRequest": service_cpu,
                        "clientCpuSecondsPerRequest": client_cpu},
        "loadAverage": {"before": load_before, "after": load_after},
    }, indent=2) + "\n")
    log("written to " + str(OUT / "results.md"))


if __name__ == "__main__":
    main()
