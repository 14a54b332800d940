package dev.aigate.policy;

import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes a policy back as YAML, built-in catalogue included, in a form {@link PolicyLoader}
 * reads again (a round-trip test keeps the two in step).
 */
public final class PolicyWriter {
  private PolicyWriter() {}

  public static String write(Policy p) {
    StringBuilder out = new StringBuilder();
    out.append("# effective policy from ").append(p.origin()).append('\n');
    out.append("version: ").append(p.version()).append('\n');
    out.append("mode: ").append(p.mode().yamlName()).append("\n\n");
    out.append("review:\n");
    out.append("  trailers: ").append(list(p.review().trailers())).append('\n');
    out.append("  reviewers: ").append(list(p.review().reviewers())).append('\n');
    out.append("  required: ").append(p.review().required()).append('\n');
    out.append("  exclude-pusher: ").append(p.review().excludePusher()).append("\n");
    out.append("  plus-addressing: ").append(p.review().plusAddressing() == ReviewPolicy.PlusAddressing.DISTINCT
        ? "distinct" : "same-person").append("\n");
    out.append("  evidence: ").append(p.review().evidence().word()).append('\n');
    out.append("  binding: ").append(p.review().binding().word()).append('\n');
    p.review().repoId().ifPresent(id -> out.append("  repo-id: ").append(q(id)).append('\n'));
    p.review().signatures().ifPresent(s -> {
      out.append("  signatures:\n");
      out.append("    allowed-signers: ").append(q(s.allowedSigners().toString())).append('\n');
      s.revokedKeys().ifPresent(r -> out.append("    revoked-keys: ").append(q(r.toString())).append('\n'));
      out.append("    namespace: ").append(q(s.namespace())).append('\n');
      out.append("    notes-ref: ").append(q(s.notesRef())).append('\n');
      out.append("    require-user-verification: ")
          .append(s.userVerification() == ReviewPolicy.UserVerification.REQUIRED).append('\n');
    });
    out.append('\n');
    out.append("ai:\n");
    // The catalogue is written out in full, so builtin is off in the copy: it stands alone.
    out.append("  builtin: false   # the built-in catalogue is listed in full under tools\n");
    out.append("  environment: ").append(p.ai().environment()).append('\n');
    out.append("  content: ").append(list(p.ai().content().stream().map(Pattern::pattern).toList()))
        .append('\n');
    out.append("  disclosure: ").append(list(p.ai().disclosure())).append('\n');
    out.append("  not-ai: ").append(list(p.ai().notAi())).append('\n');
    out.append("  tools:\n");
    for (ToolSignature t : p.ai().catalogue()) {
      out.append("    - id: ").append(q(t.id())).append('\n');
      out.append("      name: ").append(q(t.name())).append('\n');
      out.append("      vendor: ").append(q(t.vendor())).append('\n');
      field(out, "emails", t.emails());
      field(out, "names", t.names());
      field(out, "message", t.message().stream().map(Pattern::pattern).toList());
      field(out, "trailers", t.trailers());
      field(out, "aliases", t.aliases());
      field(out, "environment", t.environment());
      field(out, "content", t.content().stream().map(Pattern::pattern).toList());
      field(out, "bots", t.bots());
      field(out, "links", t.links());
      if (!t.source().isEmpty()) {
        out.append("      source: ").append(q(t.source())).append('\n');
      }
    }
    out.append('\n');
    out.append("rules:").append(p.rules().isEmpty() ? " []" : "").append('\n');
    for (Rule r : p.rules()) {
      out.append("  - id: ").append(q(r.id())).append('\n');
      out.append("    paths: ").append(list(r.paths().globs())).append('\n');
      if (!r.tools().isEmpty()) {
        out.append("    tools: ").append(list(r.tools().stream().sorted().toList())).append('\n');
      }
      if (!r.vendors().isEmpty()) {
        out.append("    vendors: ").append(list(r.vendors().stream().sorted().toList())).append('\n');
        if (r.unknownVendor() == Rule.UnknownVendor.EXEMPT) {
          out.append("    unknown-vendor: exempt\n");
        }
      }
      out.append("    action: ").append(r.action().yamlName()).append('\n');
      if (!r.message().isEmpty()) {
        out.append("    message: ").append(q(r.message())).append('\n');
      }
    }
    out.append("\ndefault: ").append(p.defaultAction().yamlName()).append("\n\n");
    out.append("# server-side gate (pre-receive)\n");
    out.append("protected-refs: ").append(list(p.server().protectedRefs()))
        .append(p.server().protectedRefs().isEmpty() ? "   # empty: the repository's default branch\n" : "\n");
    out.append("on-timeout: ").append(p.server().onTimeout().yamlName()).append('\n');
    out.append("on-error: ").append(p.server().onError().yamlName()).append('\n');
    out.append("break-glass: ").append(p.server().breakGlass()).append('\n');
    out.append("replace-refs: ").append(p.server().replaceRefs().yamlName()).append('\n');
    return out.toString();
  }

  private static void field(StringBuilder out, String key, Collection<?> values) {
    if (!values.isEmpty()) {
      out.append("      ").append(key).append(": ").append(list(values)).append('\n');
    }
  }

  private static String list(Collection<?> values) {
    return values.stream().map(v -> q(v.toString())).collect(Collectors.joining(", ", "[", "]"));
  }

  /** A YAML double-quoted scalar. */
  static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

}
