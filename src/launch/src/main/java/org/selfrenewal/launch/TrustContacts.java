package org.selfrenewal.launch;

import java.util.Objects;

/**
 * Who the user's trust is and whom to contact when the renewal does not work. Shown on every page.
 *
 * @param trustName                    e.g. "Liverpool University Hospitals"
 * @param itPhone                      how to phone IT support, e.g. "ext 5499"
 * @param serviceDesk                  another way to reach IT, e.g. "log a job via the Service Desk icon on your desktop"
 * @param registrationAuthority        the local registration authority (RA), e.g. "Smartcard office, Royal Liverpool Hospital"
 * @param registrationAuthorityContact how to reach the RA, e.g. "ext 4321, ra@trust.nhs.uk"
 */
public record TrustContacts(
        String trustName,
        String itPhone,
        String serviceDesk,
        String registrationAuthority,
        String registrationAuthorityContact) {

    /** Checks that every field is present. */
    public TrustContacts {
        Objects.requireNonNull(trustName, "trustName");
        Objects.requireNonNull(itPhone, "itPhone");
        Objects.requireNonNull(serviceDesk, "serviceDesk");
        Objects.requireNonNull(registrationAuthority, "registrationAuthority");
        Objects.requireNonNull(registrationAuthorityContact, "registrationAuthorityContact");
    }

    /** One line for the client's window ("If you need help: ..."): IT first, then the RA. */
    public String helpLine() {
        return "IT service desk " + itPhone + " (or " + serviceDesk + "); registration authority (RA): "
                + registrationAuthority + ", " + registrationAuthorityContact;
    }
}
