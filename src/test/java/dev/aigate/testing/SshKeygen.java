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

    public String run(List<String> cmd, byte[] stdin) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin);
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(cmd + " failed: " + err);
        }
        return out;
    }
}
