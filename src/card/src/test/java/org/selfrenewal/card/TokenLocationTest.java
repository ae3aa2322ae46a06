package org.selfrenewal.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TokenLocationTest {

    @Test
    void parsesTheThreeForms() {
        TokenLocation slot = TokenLocation.parse("/lib/p11.so", "slot=42");
        assertEquals(42, slot.slotId());
        assertEquals(Path.of("/lib/p11.so"), slot.library());
        assertEquals(3, TokenLocation.parse((Path) null, "index=3").slotIndex());
        TokenLocation label = TokenLocation.parse((Path) null, "label=My Card");
        assertEquals("My Card", label.tokenLabel());
        assertEquals(TokenLocation.SOFTHSM2_LIBRARY, label.library());
        assertEquals("label=My Card", label.spec());
    }

    @Test
    void roundTripsThroughSpec() {
        TokenLocation a = TokenLocation.bySlotId(TokenLocation.SOFTHSM2_LIBRARY, 7);
        assertEquals(a, TokenLocation.parse(a.library(), a.spec()));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> TokenLocation.parse((Path) null, "slot"));
        assertThrows(IllegalArgumentException.class, () -> TokenLocation.parse((Path) null, "serial=1"));
        assertThrows(IllegalArgumentException.class, () -> TokenLocation.parse((Path) null, "slot=x"));
        assertThrows(IllegalArgumentException.class, () -> TokenLocation.parse((Path) null, "index=-1"));
        assertThrows(IllegalArgumentException.class, () -> TokenLocation.parse((Path) null, "label="));
    }

    @Test
    void accessorForTheWrongSelectorFails() {
        assertThrows(IllegalStateException.class, () -> TokenLocation.byLabel(TokenLocation.SOFTHSM2_LIBRARY, "x")
                .slotId());
    }
}
