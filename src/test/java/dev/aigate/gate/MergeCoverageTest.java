package dev.aigate.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Merge coverage on hand-built graphs: what a merge brings in, and only that. */
class MergeCoverageTest {
  private final Map<String, List<String>> parents = new HashMap<>();
  private final List<String> order = new ArrayList<>();

  private void commit(String id, String... ps) {
    parents.put(id, List.of(ps));
    order.add(id);
  }

  @Test
  void aMergeCoversItsSideBranchButNotItsFirstParentsHistory() throws Exception {
    commit("a");
    commit("b", "a");
    commit("s1", "a");
    commit("s2", "s1");
    commit("m", "b", "s2");
    Map<String, List<String>> covered = MergeCoverage.of(order, parents, List.of("m"), Deadline.none());
    assertEquals(Map.of("s1", List.of("m"), "s2", List.of("m")), covered);
  }

  @Test
  void aCommitAlsoReachableFromTheFirstParentIsNotBroughtIn() throws Exception {
    // s1 was merged into main earlier (m1); m2 brings in s2 only.
    commit("a");
    commit("s1", "a");
    commit("m1", "a", "s1");
    commit("s2", "s1");
    commit("m2", "m1", "s2");
    Map<String, List<String>> covered = MergeCoverage.of(order, parents, List.of("m2"), Deadline.none());
    assertEquals(Map.of("s2", List.of("m2")), covered);
  }

  @Test
  void anOctopusMergeCoversEveryOtherParent() throws Exception {
    commit("a");
    commit("x", "a");
    commit("y", "a");
    commit("m", "a", "x", "y");
    assertEquals(Map.of("x", List.of("m"), "y", List.of("m")),
        MergeCoverage.of(order, parents, List.of("m"), Deadline.none()));
  }

  @Test
  void parentsOutsideTheJudgedSetAreNotFollowed() throws Exception {
    // "base" is on the protected ref already: not judged, so not covered.
    commit("s1", "base");
    commit("m", "base2", "s1");
    assertEquals(Map.of("s1", List.of("m")), MergeCoverage.of(order, parents, List.of("m"), Deadline.none()));
  }

  @Test
  void aPassedDeadlineStopsTheWalk() {
    commit("a");
    commit("s", "a");
    commit("m", "a", "s");
    Deadline passed = Deadline.after(System.nanoTime() - Duration.ofSeconds(2).toNanos(), Duration.ofSeconds(1));
    assertThrows(MergeCoverage.Interrupted.class, () -> MergeCoverage.of(order, parents, List.of("m"), passed));
  }
}
