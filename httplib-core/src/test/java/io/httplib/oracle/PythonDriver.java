package io.httplib.oracle;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CPython side of the oracle: one {@code python3 driver.py} process for the whole suite, fed
 * one case per line. The interpreter is {@code python3} from the PATH, or the system property
 * {@code httplib.oracle.python}. A missing interpreter fails the suite: the oracle is part of the
 * build, not an optional extra.
 */
final class PythonDriver implements AutoCloseable {

    /** The oldest CPython whose http.client the corpus and the deliberate differences were checked against. */
    static final int[] MIN_VERSION = {3, 11};

    private final Process process;
    private final BufferedWriter stdin;
    private final BufferedReader stdout;
    private final Path stderr;
    final String version;

    PythonDriver() throws IOException {
        String python = System.getProperty("httplib.oracle.python", "python3");
        Path script = script();
        stderr = Files.createTempFile("cpython-oracle", ".stderr");
        try {
            process = new ProcessBuilder(python, "-u", script.toString())
                    .redirectError(stderr.toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError("The CPython oracle needs '" + python + "' (CPython " + MIN_VERSION[0] + "."
                    + MIN_VERSION[1] + " or later) on the PATH, or -Dhttplib.oracle.python=/path/to/python3: " + e.getMessage(), e);
        }
        stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String hello = stdout.readLine();
        if (hello == null || !hello.startsWith("cpython ")) {
            throw new AssertionError("the CPython oracle driver did not start: " + hello + "\n" + stderrText());
        }
        version = hello.substring("cpython ".length());
    }

    private static Path script() {
        URL url = PythonDriver.class.getResource("/cpython-oracle/driver.py");
        if (url == null) {
            throw new AssertionError("cpython-oracle/driver.py is missing from the test resources");
        }
        try {
            return new File(url.toURI()).toPath();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** @return the transcript of the case's steps through CPython against the server on {@code port} */
    List<String> run(OracleCase c, int port) throws IOException {
        stdin.write(c.toJson(port));
        stdin.write('\n');
        stdin.flush();
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = stdout.readLine();
            if (line == null) {
                throw new AssertionError("the CPython oracle driver exited during case " + c.id + "\n" + stderrText());
            }
            if (line.equals(".end")) {
                return lines;
            }
            lines.add(line);
        }
    }

    private String stderrText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stdin.close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroy();
        }
        Files.deleteIfExists(stderr);
    }
}
