package dev.aigate.gate;

import dev.aigate.policy.Action;
import dev.aigate.policy.PathSet;
import dev.aigate.policy.Policy;
import dev.aigate.policy.Rule;
import dev.aigate.policy.ToolSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which files a manifest lists, for pipelines that exclude them ({@code --ai-only},
 * {@code --vendors}, {@code --max-share}, {@code --policy-deny}). A file git could not blame is
 * always listed when anything is selected: its origin is unknown, and unknown is not innocent.
 *
 * @param candidates every file, or only files with AI lines
 * @param filters files with lines from any of these; empty for no vendor filter
 * @param maxShare only files whose share of such lines (or of AI lines, without filters) exceeds it
 */
public record ManifestSelection(Candidates candidates, List<Filter> filters, Optional<Double> maxShare) {
  public ManifestSelection {
    if (candidates == null) {
      throw new IllegalArgumentException("say which files are candidates");
    }
    filters = List.copyOf(filters);
    maxShare.ifPresent(m -> {
      if (!(m >= 0 && m <= 1)) {
        throw new IllegalArgumentException("--max-share " + m + " is not between 0 and 1");
      }
    });
  }

  public static ManifestSelection all() {
    return new ManifestSelection(Candidates.EVERY_FILE, List.of(), Optional.empty());
  }

  /** Which files are candidates before any filter: {@code --ai-only} keeps those with AI lines. */
  public enum Candidates { EVERY_FILE, AI_FILES }

  /**
   * Lines that count for a selection: from commits of these tools or vendors, in these paths.
   *
   * @param unknownVendor whether AI of unknown vendor counts too (it may be any of them)
   * @param paths the paths it applies to, empty for all
   * @param origin what it came from, for the manifest's header
   */
  public record Filter(Set<String> tools, Set<String> vendors, UnknownVendors unknownVendor, Optional<PathSet> paths,
      String origin) {
    public Filter {
      if (unknownVendor == null) {
        throw new IllegalArgumentException("say whether AI of unknown vendor counts");
      }
      tools = Set.copyOf(tools);
      vendors = Set.copyOf(vendors);
    }

    boolean counts(Manifest.Attribution a) {
      if (!a.ai()) {
        return false;
      }
      if (unknownVendor == UnknownVendors.COUNT && a.unknownVendor()) {
        return true;
      }
      return a.tools().stream().anyMatch(tools::contains) || a.vendors().stream().anyMatch(vendors::contains);
    }

    boolean covers(String path) {
      return paths.map(p -> p.matches(path)).orElse(true);
    }
  }

  /** Whether anything is filtered: an unfiltered manifest lists every file and can be a base. */
  public boolean isAll() {
    return candidates == Candidates.EVERY_FILE && filters.isEmpty() && maxShare.isEmpty();
  }

  /** The selection in words, for the manifest's header. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (candidates == Candidates.AI_FILES) {
      parts.add("ai-only");
    }
    filters.forEach(f -> parts.add(f.origin()));
    maxShare.ifPresent(m -> parts.add("max-share " + m));
    return String.join("; ", parts);
  }

  /** Whether the manifest lists {@code f}. */
  public boolean selects(Manifest.FileEntry f) {
    if (isAll() || f.kind() == Manifest.Kind.UNREADABLE) {
      return true;
    }
    if (candidates == Candidates.AI_FILES && !f.ai()) {
      return false;
    }
    if (filters.isEmpty()) {
      return maxShare.isEmpty() || share(f, f.aiLines(), f.ai()) > maxShare.get();
    }
    for (Filter filter : filters) {
      if (!filter.covers(f.path())) {
        continue;
      }
      int n = 0;
      boolean any = false;
      for (Manifest.CommitShare c : f.commits()) {
        if (filter.counts(c.attribution())) {
          n += c.lines();
          any = true;
        }
      }
      if (any && (maxShare.isEmpty() || share(f, n, any) > maxShare.get())) {
        return true;
      }
    }
    return false;
  }

  /** A binary file is all or nothing: its last change is. */
  private static double share(Manifest.FileEntry f, int n, boolean any) {
    if (f.kind() == Manifest.Kind.BINARY) {
      return any ? 1 : 0;
    }
    return f.lines() == 0 ? 0 : (double) n / f.lines();
  }

  /** The vendors a user may name: the catalogue's, those a model name gives, and {@code unknown}. */
  public static Set<String> knownVendors(Policy policy) {
    Set<String> out = new TreeSet<>(ToolSignature.MODEL_VENDORS);
    policy.ai().catalogue().forEach(t -> out.add(t.vendor()));
    out.add(Manifest.UNKNOWN_VENDOR);
    return out;
  }

  /**
   * {@code --vendors a,b}: an unknown name is an error listing the known ones, never a filter that
   * silently matches nothing. AI of unknown vendor counts unless {@code exemptUnknown}.
   */
  public static Filter vendors(Policy policy, List<String> names, UnknownVendors unknown) {
    Set<String> known = knownVendors(policy);
    Set<String> asked = new TreeSet<>();
    List<String> bad = new ArrayList<>();
    for (String n : names) {
      String v = n.strip().toLowerCase(Locale.ROOT);
      if (v.isEmpty()) {
        continue;
      }
      if (!known.contains(v)) {
        bad.add(n);
      }
      asked.add(v);
    }
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException("unknown vendor(s) " + String.join(", ", bad) + " (known: "
          + String.join(", ", known) + ")");
    }
    if (asked.isEmpty()) {
      throw new IllegalArgumentException("--vendors names no vendor");
    }
    return new Filter(Set.of(), asked, unknown, Optional.empty(),
        "vendors " + String.join(",", asked) + (unknown == UnknownVendors.COUNT ? " (and unknown)" : ""));
  }

  /** Whether AI of unknown vendor counts as any named vendor. */
  public enum UnknownVendors { COUNT, EXEMPT }

  /**
   * {@code --policy-deny}: each {@code deny} rule with {@code vendors:} or {@code tools:} selects
   * the files in its paths with lines from them, honouring its {@code unknown-vendor}.
   */
  public static List<Filter> policyDeny(Policy policy) {
    List<Filter> out = new ArrayList<>();
    for (Rule r : policy.rules()) {
      if (r.action() != Action.DENY || r.vendors().isEmpty() && r.tools().isEmpty()) {
        continue;
      }
      UnknownVendors unknown = !r.vendors().isEmpty() && r.unknownVendor() == Rule.UnknownVendor.MATCH
          ? UnknownVendors.COUNT : UnknownVendors.EXEMPT;
      out.add(new Filter(r.tools(), r.vendors(), unknown, Optional.of(r.paths()), "deny rule " + r.id()));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--policy-deny: " + policy.origin()
          + " has no deny rule with vendors: or tools:, so it selects nothing");
    }
    return out;
  }
}
