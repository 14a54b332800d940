package dev.aigate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Drives the real ssh-keygen: keys and signatures in tests come from OpenSSH, not from Java. */
public final class SshKeygen {
    private final Path dir;

    public SshKeygen(Path dir) {
        this.dir = dir;
    }

    public Path key(String name, String... typeArgs) throws Exception {
        Path key = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("ssh-keygen", "-q", "-N", "", "-C", name, "-f", key.toString()));
        cmd.addAll(List.of(typeArgs));
        run(cmd, null);
        return key;
    }

    public String publicKey(Path key) throws IOException {
        String[] f = Files.readString(Path.of(key + ".pub")).strip().split(" ");
        return f[0] + " " + f[1];
    }

    public String sign(Path key, String namespace, byte[] message) throws Exception {
        return run(List.of("ssh-keygen", "-q", "-Y", "sign", "-n", namespace, "-f", key.toString()), message);
    }

    /**
     * Has {@code ca} certify {@code key}'s public key ({@code ssh-keygen -s}); {@code args} are
     * the certificate's -I, -n, -V, -O, -h options. Returns the {@code key-cert.pub} path.
     */
    public Path certify(Path ca, Path key, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ssh-keygen", "-q", "-s", ca.toString()));
        cmd.addAll(List.of(args));
        cmd.add(key + ".pub");
        run(cmd, null);
        return Path.of(key + "-cert.pub");
    }

    /** Signs with the certificate next to {@code key}: the SSHSIG then embeds the certificate. */
    public String signWithCertificate(Path key, String namespace, byte[] message) throws Exception {
        return run(List.of("ssh-keygen", "-q", "-Y", "sign", "-n", namespace, "-f", key + "-cert.pub"), message);
    }

    /**
     * The oracle: whether OpenSSH's own {@code ssh-keygen -Y verify} accepts {@code armored} over
     * {@code message} for {@code principal} under {@code allowedSigners}, at {@code verifyTime}
     * ({@code YYYYMMDDHHMMSSZ}, as aigate judges at receive time), with {@code revoked} keys.
     */
    public boolean opensshVerifies(String allowedSigners, String revoked, String principal, String namespace,
            String verifyTime, String armored, byte[] message) throws Exception {
        Path allowed = Files.createTempFile(dir, "allowed", "");
        Path sig = Files.createTempFile(dir, "sig", ".sig");
        Files.writeString(allowed, allowedSigners);
        Files.writeString(sig, armored);
        List<String> cmd = new ArrayList<>(List.of("ssh-keygen", "-Y", "verify", "-f", allowed.toString(), "-I", principal,
                "-n", namespace, "-s", sig.toString(), "-O", "verify-time=" + verifyTime));
        if (!revoked.isEmpty()) {
            Path revokedFile = Files.createTempFile(dir, "revoked", "");
            Files.writeString(revokedFile, revoked);
            cmd.addAll(List.of("-r", revokedFile.toString()));
        }
        // The message from a file, not a pipe: ssh-keygen refuses a malformed signature before it
        // reads its input, and a write to the pipe of a process that has exited fails at random.
        Path input = Files.createTempFile(dir, "message", "");
        Files.write(input, message);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(input.toFile());
        pb.environment().remove("SSH_AUTH_SOCK");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    public String run(List<String> cmd, byte[] stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        // Keys come from files here, never from a developer's agent.
        pb.environment().remove("SSH_AUTH_SOCK");
        if (stdin != null) {
            // From a file, as in opensshVerifies: a process may exit before it reads its input.
            Path input = Files.createTempFile(dir, "stdin", "");
            Files.write(input, stdin);
            pb.redirectInput(input.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(cmd + " failed: " + err);
        }
        return out;
    }
}
