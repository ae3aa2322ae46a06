package org.selfrenewal.card;

import java.util.ArrayList;
import java.util.List;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.TokenInfo;

/** Finds the slot a {@link TokenLocation} means, among the slots that hold an initialised token. */
final class SlotResolver {

    private SlotResolver() {}

    static Slot resolve(PKCS11Module module, TokenLocation location) throws CardNotFoundException {
        try {
            Slot[] slots = module.getSlotList(true);
            Slot slot =
                    switch (location.selector()) {
                        case SLOT_ID -> byId(slots, location.slotId());
                        case SLOT_INDEX -> location.slotIndex() < slots.length ? slots[location.slotIndex()] : null;
                        case TOKEN_LABEL -> byLabel(slots, location.tokenLabel());
                    };
            if (slot == null) {
                throw new CardNotFoundException("no token at " + location.spec());
            }
            if (!slot.getToken().getTokenInfo().isTokenInitialized()) {
                throw new CardNotFoundException("the token at " + location.spec() + " is blank (not initialised)");
            }
            return slot;
        } catch (PKCS11Exception e) {
            throw new CardNotFoundException("could not list card readers: " + e.getErrorName(), e);
        }
    }

    static String trimmedLabel(TokenInfo info) {
        return info.getLabel() == null ? "" : info.getLabel().trim();
    }

    private static Slot byId(Slot[] slots, long id) {
        for (Slot s : slots) {
            if (s.getSlotID() == id) {
                return s;
            }
        }
        return null;
    }

    private static Slot byLabel(Slot[] slots, String label) throws PKCS11Exception, CardNotFoundException {
        List<Slot> matches = new ArrayList<>();
        for (Slot s : slots) {
            TokenInfo info = s.getToken().getTokenInfo();
            if (info.isTokenInitialized() && trimmedLabel(info).equals(label.trim())) {
                matches.add(s);
            }
        }
        if (matches.size() > 1) {
            throw new CardNotFoundException("more than one token is labelled '" + label + "'");
        }
        return matches.isEmpty() ? null : matches.get(0);
    }
}
