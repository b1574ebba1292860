package io.switchboard.identity;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

import java.util.List;

/** Spring Security's view of an operator. */
@Component
class OperatorDetails implements UserDetailsService {
    private final OperatorRepository operators;

    OperatorDetails(OperatorRepository operators) {
        this.operators = operators;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var credentials = operators.credentials(Operators.normalize(username))
                .orElseThrow(() -> new UsernameNotFoundException("no such operator"));
        Operator operator = credentials.operator();
        return User.withUsername(operator.username())
                .password(credentials.passwordHash())
                .authorities(List.of(new SimpleGrantedAuthority(operator.role().authority())))
                .disabled(!operator.enabled())
                .build();
    }
}
