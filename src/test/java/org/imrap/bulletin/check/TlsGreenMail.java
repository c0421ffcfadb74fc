package org.imrap.bulletin.check;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * GreenMail whose implicit-TLS SMTP server (smtps) presents a certificate of the test's
 * ({@link TestCertificates}) instead of GreenMail's own, which names no host and is loaded once per JVM.
 */
final class TlsGreenMail extends GreenMail {
    private final SSLContext tls;

    TlsGreenMail(SSLContext tls, ServerSetup... setups) {
        super(setups);
        this.tls = tls;
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
        Map<String, AbstractServer> services = super.createServices(setups, managers);
        if (tls == null) {
            return services;  // called once from GreenMail's constructor, before this class is set up; start() calls it again
        }
        for (ServerSetup setup : setups) {
            if (setup.getProtocol().equals(ServerSetup.PROTOCOL_SMTPS)) {
                services.put(setup.getProtocol(), new SmtpServer(setup, managers) {
                    @Override
                    protected ServerSocket openServerSocket() throws IOException {
                        return bind(tls, bindTo, setup.getPort());
                    }
                });
            }
        }
        return services;
    }

    private static ServerSocket bind(SSLContext tls, java.net.InetAddress address, int port) throws IOException {
        ServerSocket socket = tls.getServerSocketFactory().createServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port));
        return socket;
    }
}
