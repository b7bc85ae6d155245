// Sigma detection condition (v2.1 "Condition" section), plus the legacy v1 aggregation tail
// ("| count() by x > 5", "| near ...") parsed only so it can be rejected with a precise hint.
//
// Words that are keywords only in one position ("1"/"all" before "of", "them" after it, "by", "near",
// the aggregation functions) are lexed as IDENT and checked by the tree builder, so detections may still
// use them as search identifier names elsewhere.
grammar SigmaCondition;

condition
    : orExpr aggregation? EOF
    ;

orExpr
    : andExpr (OR andExpr)*
    ;

andExpr
    : notExpr (AND notExpr)*
    ;

// Iterative on purpose: a long run of 'not' must not grow the parser's Java stack.
notExpr
    : NOT* primary
    ;

primary
    : LPAREN orExpr RPAREN                    # parenthesized
    | quantifier=IDENT OF target=IDENT        # quantified
    | IDENT                                   # reference
    ;

aggregation
    : PIPE aggregationBody
    ;

aggregationBody
    : function=IDENT LPAREN field=IDENT? RPAREN (by=IDENT groupBy+=IDENT (COMMA groupBy+=IDENT)*)?
        COMPARE threshold=IDENT                                                  # aggregate
    | near=IDENT orExpr                                                          # nearSearch
    ;

AND : [aA] [nN] [dD] ;
OR  : [oO] [rR] ;
NOT : [nN] [oO] [tT] ;
OF  : [oO] [fF] ;

LPAREN  : '(' ;
RPAREN  : ')' ;
PIPE    : '|' ;
COMMA   : ',' ;
COMPARE : '>=' | '<=' | '==' | '!=' | '>' | '<' | '=' ;

// Letters, digits, '_', '-' and '.' occur in SigmaHQ identifiers; '*' makes an 'x of' pattern.
IDENT : [\p{L}\p{M}\p{N}_.*\-]+ ;

WS : [ \t\r\n\f\u00A0]+ -> channel(HIDDEN) ;

// Never let the lexer fail: the parser reports a stray character with a friendly message.
STRAY : . ;
