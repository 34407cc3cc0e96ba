package io.httplib.internal.event;

import io.httplib.event.CallContext;
import io.httplib.event.HttpEventListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSession;

/** Several listeners called in order, each guarded so one that throws does not silence the rest. */
public final class CompositeListener implements HttpEventListener {

    private final HttpEventListener[] listeners;

    private CompositeListener(HttpEventListener[] listeners) {
        this.listeners = listeners;
    }

    /** @return the listeners composed; {@link HttpEventListener#NONE} when there is none, the listener itself when there is one */
    public static HttpEventListener of(HttpEventListener... listeners) {
        List<HttpEventListener> list = new ArrayList<>();
        if (listeners != null) {
            for (HttpEventListener l : listeners) {
                if (l instanceof CompositeListener c) {
                    list.addAll(List.of(c.listeners));
                } else if (l != null && l != HttpEventListener.NONE) {
                    list.add(l);
                }
            }
        }
        if (list.isEmpty()) {
            return HttpEventListener.NONE;
        }
        return list.size() == 1 ? list.get(0) : new CompositeListener(list.toArray(new HttpEventListener[0]));
    }

    @Override
    public void callStart(CallContext call) {
        for (HttpEventListener l : listeners) {
            try {
                l.callStart(call);
            } catch (RuntimeException e) {
                ListenerFailures.log("callStart", l, e);
            }
        }
    }

    @Override
    public void dnsStart(CallContext call, String host) {
        for (HttpEventListener l : listeners) {
            try {
                l.dnsStart(call, host);
            } catch (RuntimeException e) {
                ListenerFailures.log("dnsStart", l, e);
            }
        }
    }

    @Override
    public void dnsEnd(CallContext call, String host, List<InetAddress> addresses) {
        for (HttpEventListener l : listeners) {
            try {
                l.dnsEnd(call, host, addresses);
            } catch (RuntimeException e) {
                ListenerFailures.log("dnsEnd", l, e);
            }
        }
    }

    @Override
    public void connectStart(CallContext call, InetSocketAddress address) {
        for (HttpEventListener l : listeners) {
            try {
                l.connectStart(call, address);
            } catch (RuntimeException e) {
                ListenerFailures.log("connectStart", l, e);
            }
        }
    }

    @Override
    public void connectEnd(CallContext call, InetSocketAddress address) {
        for (HttpEventListener l : listeners) {
            try {
                l.connectEnd(call, address);
            } catch (RuntimeException e) {
                ListenerFailures.log("connectEnd", l, e);
            }
        }
    }

    @Override
    public void connectFailed(CallContext call, InetSocketAddress address, IOException failure) {
        for (HttpEventListener l : listeners) {
            try {
                l.connectFailed(call, address, failure);
            } catch (RuntimeException e) {
                ListenerFailures.log("connectFailed", l, e);
            }
        }
    }

    @Override
    public void secureConnectStart(CallContext call) {
        for (HttpEventListener l : listeners) {
            try {
                l.secureConnectStart(call);
            } catch (RuntimeException e) {
                ListenerFailures.log("secureConnectStart", l, e);
            }
        }
    }

    @Override
    public void secureConnectEnd(CallContext call, SSLSession session) {
        for (HttpEventListener l : listeners) {
            try {
                l.secureConnectEnd(call, session);
            } catch (RuntimeException e) {
                ListenerFailures.log("secureConnectEnd", l, e);
            }
        }
    }

    @Override
    public void connectionAcquired(CallContext call, boolean reused) {
        for (HttpEventListener l : listeners) {
            try {
                l.connectionAcquired(call, reused);
            } catch (RuntimeException e) {
                ListenerFailures.log("connectionAcquired", l, e);
            }
        }
    }

    @Override
    public void connectionReleased(CallContext call, boolean keptAlive) {
        for (HttpEventListener l : listeners) {
            try {
                l.connectionReleased(call, keptAlive);
            } catch (RuntimeException e) {
                ListenerFailures.log("connectionReleased", l, e);
            }
        }
    }

    @Override
    public void requestHeadersStart(CallContext call) {
        for (HttpEventListener l : listeners) {
            try {
                l.requestHeadersStart(call);
            } catch (RuntimeException e) {
                ListenerFailures.log("requestHeadersStart", l, e);
            }
        }
    }

    @Override
    public void requestHeadersEnd(CallContext call, long headerBytes) {
        for (HttpEventListener l : listeners) {
            try {
                l.requestHeadersEnd(call, headerBytes);
            } catch (RuntimeException e) {
                ListenerFailures.log("requestHeadersEnd", l, e);
            }
        }
    }

    @Override
    public void requestBodyStart(CallContext call) {
        for (HttpEventListener l : listeners) {
            try {
                l.requestBodyStart(call);
            } catch (RuntimeException e) {
                ListenerFailures.log("requestBodyStart", l, e);
            }
        }
    }

    @Override
    public void requestBodyEnd(CallContext call, long bodyBytes) {
        for (HttpEventListener l : listeners) {
            try {
                l.requestBodyEnd(call, bodyBytes);
            } catch (RuntimeException e) {
                ListenerFailures.log("requestBodyEnd", l, e);
            }
        }
    }

    @Override
    public void responseHeadersStart(CallContext call) {
        for (HttpEventListener l : listeners) {
            try {
                l.responseHeadersStart(call);
            } catch (RuntimeException e) {
                ListenerFailures.log("responseHeadersStart", l, e);
            }
        }
    }

    @Override
    public void responseHeadersEnd(CallContext call, int status) {
        for (HttpEventListener l : listeners) {
            try {
                l.responseHeadersEnd(call, status);
            } catch (RuntimeException e) {
                ListenerFailures.log("responseHeadersEnd", l, e);
            }
        }
    }

    @Override
    public void responseBodyStart(CallContext call) {
        for (HttpEventListener l : listeners) {
            try {
                l.responseBodyStart(call);
            } catch (RuntimeException e) {
                ListenerFailures.log("responseBodyStart", l, e);
            }
        }
    }

    @Override
    public void responseBodyEnd(CallContext call, long bodyBytes) {
        for (HttpEventListener l : listeners) {
            try {
                l.responseBodyEnd(call, bodyBytes);
            } catch (RuntimeException e) {
                ListenerFailures.log("responseBodyEnd", l, e);
            }
        }
    }

    @Override
    public void callEnd(CallContext call) {
        for (HttpEventListener l : listeners) {
            try {
                l.callEnd(call);
            } catch (RuntimeException e) {
                ListenerFailures.log("callEnd", l, e);
            }
        }
    }

    @Override
    public void sendReturned(CallContext call) {
        for (HttpEventListener l : listeners) {
            try {
                l.sendReturned(call);
            } catch (RuntimeException e) {
                ListenerFailures.log("sendReturned", l, e);
            }
        }
    }

    @Override
    public void callFailed(CallContext call, IOException failure) {
        for (HttpEventListener l : listeners) {
            try {
                l.callFailed(call, failure);
            } catch (RuntimeException e) {
                ListenerFailures.log("callFailed", l, e);
            }
        }
    }
}
