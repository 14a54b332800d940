package dev.aigate.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aigate.policy.ReviewPolicy.PlusAddressing;
import org.junit.jupiter.api.Test;

class AddressesTest {
  @Test
  void theFirstNonAsciiCodePointMakesAnAddressNonAscii() {
    assertTrue(Addresses.isAscii("a\u007f@example.com"));
    assertFalse(Addresses.isAscii("a\u0080@example.com"));
  }

  @Test
  void aTagThatStartsTheLocalPartIsStillATag() {
    assertTrue(Addresses.same("+a@example.com", "+b@example.com", PlusAddressing.SAME_PERSON));
    assertFalse(Addresses.same("+a@example.com", "+b@example.com", PlusAddressing.DISTINCT));
  }

  @Test
  void aPlusInTheDomainIsNotATag() {
    assertEquals("jane@ex+ample.com", Addresses.canonical("jane@ex+ample.com", PlusAddressing.SAME_PERSON));
  }

  @Test
  void spellingsOfOneMailboxAreOneAddress() {
    assertTrue(Addresses.same("Jane+review@Example.com", "jane@example.com", PlusAddressing.SAME_PERSON));
    assertTrue(Addresses.same("j\u0430ne@example.com", "jane@example.com", PlusAddressing.DISTINCT));
    assertTrue(Addresses.same("\uff4aane@example.com", "jane@example.com", PlusAddressing.DISTINCT));
    assertFalse(Addresses.same("", "", PlusAddressing.DISTINCT));
  }
}
