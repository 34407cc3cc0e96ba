package io.httplib.oracle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One differential case: what the server does on each connection, and the client steps both
 * libraries run against it.
 */
final class OracleCase {
    final String id;
    final List<List<ServerAction>> connections = new ArrayList<>();
    final List<Step> steps = new ArrayList<>();
    /** The CONNECT head of a tunnel case is compared once, in its own case, not in every one. */
    boolean maskConnectHead;

    OracleCase(String id) {
        this.id = id;
    }

    /** Adds the script of the next connection. */
    OracleCase conn(ServerAction... actions) {
        List<ServerAction> script = new ArrayList<>();
        Collections.addAll(script, actions);
        connections.add(script);
        return this;
    }

    OracleCase steps(Step... more) {
        Collections.addAll(steps, more);
        return this;
    }

    /** GET /, read the head, read the whole body, then look at the response and the connection. */
    OracleCase fetch() {
        return fetch("GET");
    }

    OracleCase fetch(String method) {
        return steps(Step.request(method, "/"), Step.getResponse(), Step.read(), Step.isClosed(), Step.connOpen());
    }

    OracleCase maskConnectHead() {
        this.maskConnectHead = true;
        return this;
    }

    String toJson(int port) {
        StringBuilder b = new StringBuilder("{\"id\":");
        Step.json(b, id);
        b.append(",\"port\":").append(port).append(",\"steps\":[");
        for (int i = 0; i < steps.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(steps.get(i).toJson());
        }
        return b.append("]}").toString();
    }

    @Override
    public String toString() {
        return id;
    }
}
