package io.httplib.bench;

/**
 * Cold start (workload f): a fresh JVM that builds one client, does one GET of the 64-byte body
 * and prints {@code FIRST-RESPONSE} the moment it has the body. The driver times from spawning
 * the JVM to reading that line. Argument: the client name.
 */
public final class ColdStart {

    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        BenchClient client = BenchClient.create(args[0], Target.fromSystemProperties(), 1);
        int n = client.caller().get();
        System.out.println("FIRST-RESPONSE " + n);
        System.out.flush();
        System.exit(n == 64 ? 0 : 1);
    }
}
